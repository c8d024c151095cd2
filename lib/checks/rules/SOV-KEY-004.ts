import { KEY_MATERIAL_TYPES } from "../../catalog/key-material";
import type { Rule } from "../types";
import { eachResourceOfType } from "./helpers";

/** SOV-KEY-004: key material is protected from destroy. */
export const keyPreventDestroyRule: Rule<"SOV-KEY-004"> = {
  id: "SOV-KEY-004",
  severity: "error",
  title: "Key rings, keys, key versions and EKM connections are protected from destroy",
  why: "Destroying a key destroys every piece of data encrypted with it",
  fix: "Set lifecycle.prevent_destroy = true",
  scope: "stack",
  check: (docs) =>
    eachResourceOfType(
      docs,
      (type) => KEY_MATERIAL_TYPES.has(type),
      (r, doc) => {
        // Plans and states carry no lifecycle blocks (unless read with the configuration they were made from): the protection cannot be verified there (fail closed).
        if (doc.source !== "config" && r.body.lifecycle === undefined)
          return [`prevent_destroy cannot be verified from a ${doc.source} (allowed: check the configuration, which shows lifecycle blocks)`];
        const lifecycle = Array.isArray(r.body.lifecycle) ? r.body.lifecycle[0] : r.body.lifecycle;
        return lifecycle?.prevent_destroy !== true ? ["has no lifecycle.prevent_destroy"] : [];
      },
    ),
};
