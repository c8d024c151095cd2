/** Constructs used directly report bad props as `<path>: <field>: <problem> (allowed: ...)`, never a cdktf crash. */
import { Testing, TerraformStack } from "../../lib/core";
import { Folder } from "../../lib/google";
import { FolderAccess } from "../../lib/access/folder-access";

function folderStack(): { stack: TerraformStack; folder: Folder } {
  const stack = new TerraformStack(Testing.app(), "direct");
  return { stack, folder: new Folder(stack, "folder", { displayName: "f", parent: "organizations/1" }) };
}

describe("FolderAccess used directly", () => {
  it("names a binding given twice instead of cdktf's 'There is already a Construct with name'", () => {
    const { stack, folder } = folderStack();
    const iam = [
      { role: "roles/storage.objectViewer", member: "group:auditors@example.fr" },
      { role: "roles/storage.objectViewer", member: "group:auditors@example.fr" },
    ];
    expect(() => new FolderAccess(stack, "access", { folder, iam })).toThrow(
      "direct/access: iam[1]: group:auditors@example.fr already has roles/storage.objectViewer (from iam[0]) (allowed: each member and role once)",
    );
  });

  it("accepts the same member with two roles", () => {
    const { stack, folder } = folderStack();
    const iam = [
      { role: "roles/storage.objectViewer", member: "group:auditors@example.fr" },
      { role: "roles/bigquery.dataViewer", member: "group:auditors@example.fr" },
    ];
    expect(() => new FolderAccess(stack, "access", { folder, iam })).not.toThrow();
  });
});
