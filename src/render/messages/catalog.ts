/** A translation of one English catalog file: exactly its ids, each with a string. */
export type TranslationOf<T> = { readonly [K in keyof T]: string };
