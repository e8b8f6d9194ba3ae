import Type from 'typebox';

export const UnitListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String(),
      parentId: Type.Union([Type.String(), Type.Null()]),
      regionCode: Type.String(),
      /**
       * The petition bureau a 检举控告 against this unit is filed with (the domain's `accusationIntake`,
       * 第三十条第三款): never this unit or one under it. null: none can take it online.
       */
      accusationIntake: Type.Union([Type.String(), Type.Null()]),
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
