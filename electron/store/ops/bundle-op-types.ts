/** The ops of bundle import (electron/sync/bundle): what the store records of the bundles it imported. */
export type BundleOp =
  /** A bundle's import completed: later bundles that continue it (`since`) may be imported. */
  {
    type: 'bundle.imported';
    bundleId: string;
    sourceStore: string;
    createdTime: number;
    since: string | null;
    file: string;
    time: number;
  };
