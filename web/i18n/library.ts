/** Messages of the library of city practices (keys "library.*"), Russian first; English has the same keys. */
export const libraryRu = {
  "nav.library": "Библиотека практик",
  "library.title": "Библиотека городских практик",
};

export const libraryEn: Record<keyof typeof libraryRu, string> = {
  "nav.library": "Practices library",
  "library.title": "Library of city practices",
};
