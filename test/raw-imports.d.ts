// Vite serves a file's text for an import that ends in ?raw.
declare module "*?raw" {
  const text: string;
  export default text;
}
