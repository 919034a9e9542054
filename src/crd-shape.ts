// The vocabulary the custom resources' shapes are written in (check/crd-shapes.ts): each CRD's
// openAPIV3Schema reduced to names, types, enums and required fields. Shared by the plan, which
// reads the options a CRD has from the same shape the check holds manifests against.

export type Shape =
  | { type: "string"; enum?: readonly string[] }
  | { type: "integer" }
  | { type: "boolean" }
  | { type: "int-or-string" }
  | { type: "array"; items: Shape }
  | { type: "object"; properties?: Record<string, Shape>; required?: readonly string[]; values?: Shape };

export const str: Shape = { type: "string" };
export const int: Shape = { type: "integer" };
export const bool: Shape = { type: "boolean" };
export const strings: Shape = { type: "array", items: str };
export const stringMap: Shape = { type: "object", values: str };
export const oneOf = (...values: string[]): Shape => ({ type: "string", enum: values });
export const obj = (properties: Record<string, Shape>, required: string[] = []): Shape => ({ type: "object", properties, required });
