// Placeholder entry so the bundle builds; the Action adapter lands with its issue.
export {};
