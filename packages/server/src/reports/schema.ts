// (being built)
export {};
