/** Where in a node, edge or workflow a problem is: keys and array indexes, outermost first. */
export type FieldPath = readonly (string | number)[];

/** `config.cases[1].handle`; keys that are not plain names are quoted: `config.values["a b"]`. */
export function formatFieldPath(path: FieldPath): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}
