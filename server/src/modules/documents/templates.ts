import type { IssuableKind } from '../../contracts/documents';

/**
 * The built-in 文书 templates, as versioned data. They are upserted into `document_templates` at start-up
 * (`${kind}@${version}`, insert-only: an operator's newer version is never overwritten); the highest active
 * version of a kind is the one used. `{{field}}` placeholders are filled from the case (document.fill.ts); a
 * paragraph whose placeholders are all empty is dropped. Limits and the articles that set them are placeholders
 * too, filled from the case's rule profile (DOMAIN.md §8): a template never states a number of days itself.
 * (Version 1 of the acceptance and extension notices wrote 60日/30日 into the text.)
 */
export interface TemplateData {
  kind: IssuableKind;
  version: number;
  title: string;
  /** The article that requires the document (shown under the title in admin screens). */
  article: string;
  paragraphs: string[];
}

const XF = '《信访工作条例》';

export const BUILTIN_TEMPLATES: TemplateData[] = [
  {
    kind: 'acceptanceNotice',
    version: 2,
    title: '信访事项受理告知书',
    article: `${XF}第二十三条、第三十四条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您于{{receivedDate}}提出的信访事项（编号：{{caseNumber}}，事项：{{title}}），经审查，符合受理条件，本机关（单位）决定予以受理。',
      '{{handlingBasis}}，本机关（单位）将自{{handlingStart}}起{{handlingLimit}}内办结；情况复杂的，经本机关（单位）负责人批准，可以适当延长办理期限，但延长期限不得超过{{extensionMax}}，并告知您延期理由。本事项办理期限至{{handlingDue}}。',
      '您可以通过“我的诉求”查询办理进展。',
      '特此告知。',
    ],
  },
  {
    kind: 'notAcceptNotice',
    version: 1,
    title: '信访事项不予受理告知书',
    article: `${XF}第二十三条第一款、第二十八条第二款、第三十一条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您于{{receivedDate}}提出的信访事项（编号：{{caseNumber}}，事项：{{title}}），经审查，本机关（单位）决定不予受理。',
      '理由及途径：{{notAcceptReason}}',
      '依据：{{notAcceptArticle}}。',
      '特此告知。',
    ],
  },
  {
    kind: 'transferNotice',
    version: 1,
    title: '信访事项转送（交办）告知书',
    article: `${XF}第二十二条、第二十三条第一款`,
    paragraphs: [
      '{{petitionerName}}：',
      '您于{{receivedDate}}提出的信访事项（编号：{{caseNumber}}，事项：{{title}}），根据《信访工作条例》第二十二条、第二十三条第一款规定，本机关（单位）已于{{transferDate}}{{transferMode}}至{{toUnitName}}办理。',
      '{{toUnitName}}将依法告知您是否受理；请与其保持联系，也可以通过“我的诉求”查询办理进展。',
      '特此告知。',
    ],
  },
  {
    kind: 'extensionNotice',
    version: 2,
    title: '信访事项延期办理告知书',
    article: `${XF}第三十四条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您提出的信访事项（编号：{{caseNumber}}，事项：{{title}}），因{{extensionReason}}，经本机关（单位）负责人批准，办理期限延长{{extensionDays}}日，延长后的办理期限至{{handlingDue}}。',
      '根据{{extensionArticle}}规定，延长期限不超过{{extensionMax}}。',
      '特此告知。',
    ],
  },
  {
    kind: 'opinion',
    version: 1,
    title: '信访处理意见书',
    article: `${XF}第三十二条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您于{{receivedDate}}提出的信访事项（编号：{{caseNumber}}）已办理完毕。根据《信访工作条例》第三十二条规定，现将处理意见告知如下：',
      '一、信访人投诉请求：{{replyRequest}}',
      '二、事实和理由：{{replyFacts}}',
      '三、处理意见：{{replyDecision}}',
      '四、法律法规依据：{{replyBasis}}',
      '{{nextStep}}',
    ],
  },
  {
    kind: 'reviewOpinion',
    version: 1,
    title: '信访事项复查意见书',
    article: `${XF}第三十五条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您对{{handlingUnitName}}作出的信访处理意见不服，于{{requestDate}}请求复查（编号：{{caseNumber}}）。本机关（单位）依据《信访工作条例》第三十五条规定进行了复查，现提出复查意见如下：',
      '一、复查请求：{{replyRequest}}',
      '二、查明的事实和理由：{{replyFacts}}',
      '三、复查意见：{{replyDecision}}',
      '四、法律法规依据：{{replyBasis}}',
      '{{nextStep}}',
    ],
  },
  {
    kind: 'recheckOpinion',
    version: 1,
    title: '信访事项复核意见书',
    article: `${XF}第三十六条`,
    paragraphs: [
      '{{petitionerName}}：',
      '您对{{reviewUnitName}}作出的复查意见不服，于{{requestDate}}请求复核（编号：{{caseNumber}}）。本机关（单位）依据《信访工作条例》第三十六条规定进行了复核，现提出复核意见如下：',
      '一、复核请求：{{replyRequest}}',
      '二、查明的事实和理由：{{replyFacts}}',
      '三、复核意见：{{replyDecision}}',
      '四、法律法规依据：{{replyBasis}}',
      '本复核意见为终结意见。根据《信访工作条例》第三十六条第三款规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，不再受理。',
    ],
  },
];
