// Filled in by the ticket issue's work.
export {};
