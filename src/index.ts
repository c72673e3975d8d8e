// Entry points only: each Forge function handler named in manifest.yml.
export {};
