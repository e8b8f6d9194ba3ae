import Type from 'typebox';

export const UnitListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      parentId: Type.Union([Type.String(), Type.Null()]),
      regionCode: Type.String(),
    }),
  ),
});

export const CategoryListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      parentCode: Type.Union([Type.String(), Type.Null()]),
      hint: Type.String(),
    }),
  ),
});
