// keytar is an optional dependency (package.json): where its native build failed it is absent, and the
// typecheck must not depend on it. loadKeytar() checks the module's shape at run time anyway.
declare module 'keytar';
