/** A folder to build in, created here or elsewhere. */
export interface IFolderRef {
  /** Numeric folder id. */
  readonly folderId: string;
  /** `folders/<id>`, for policies, sinks and parents. */
  readonly name: string;
}

/** A folder that exists already, by its numeric id: a light reference, nothing is created or managed. */
export function folderFromId(folderId: string): IFolderRef {
  if (!/^[0-9]{6,20}$/.test(folderId)) throw new Error(`folder id "${folderId}" is not a folder id (allowed: digits only, such as 123456789012)`);
  return { folderId, name: `folders/${folderId}` };
}
