/** A text in both languages the platform speaks (zh-CN first). */
export interface Label {
  zh: string;
  en: string;
}
