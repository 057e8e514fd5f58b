// The types of build-inputs.mjs (plain Node, run by `npm run build` before any TypeScript is compiled).
export declare const BUILD_INPUTS_FILE: string;
export declare function buildInputsDigest(root: string): string;
