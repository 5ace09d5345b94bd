import chainsEnUS from './chains.en-US';
import transferEn from '../transfer/i18n/en-US';
import type zhCN from './zh-CN';

/** The economy module's words in English (namespace `economy`). */
const enUS: typeof zhCN = {
  menu: { group: 'Economy', dashboard: 'Economic dashboard', import: 'Import figures', ecosystems: 'Industry ecosystems', chains: 'Industrial chains', projects: 'Investment projects', projectStages: 'Project stages', transfer: 'Technology transfer' },
  indicator: {
    revenue: 'Operating revenue', output: 'Industrial output', valueAdded: 'Value added', tax: 'Tax', profit: 'Profit', rd: 'R&D spend', employees: 'Employees', energy: 'Energy use', land: 'Land area',
  },
  unit: { wan: '10k yuan', yi: '100m yuan', persons: 'persons', tce: 'tce', mu: 'mu' },
  basis: { cumulative: 'Year to date', current: 'Single period' },
  dashboard: {
    title: 'Economic performance',
    subTitle: 'Growth of above-scale revenue and tax on a comparable basis (the same enterprises against the same period last year); share changes in percentage points',
    period: 'Period',
    export: 'Export report',
    noFigures: 'No figures loaded yet; import some first',
    enterprises: 'Enterprises', aboveScale: 'Above-scale ({{year}} list)', listed: 'Listed', highTech: 'High-tech', unicorns: 'Unicorns', prospective: 'Prospective unicorns', specialised: 'Specialised SMEs',
    revenue: 'Above-scale revenue', tax: 'Above-scale tax', employees: 'Employees',
    growth: 'Comparable growth {{value}}',
    official: 'Published {{rate}} ({{source}})',
    trend: 'Month by month (year to date, above scale)',
    revenueSeries: 'Revenue (100m yuan)', taxSeries: 'Tax (100m yuan)', revenueGrowth: 'Revenue growth (%)', taxGrowth: 'Tax growth (%)',
    byEcosystem: 'By industry ecosystem', byStreet: 'By street', byPark: 'By park',
    name: 'Name', total: 'Revenue (10k yuan)', growthCol: 'Comparable growth', share: 'Share', shareChange: 'Share change (points)', cohort: 'Above-scale', compared: 'Compared',
    officialCol: 'Published growth',
    method: 'How it is computed',
    methodText: 'Comparable growth = Σ this period over the enterprises counted this period (this year\'s above-scale list) ÷ Σ the same enterprises a year earlier − 1, over those with both figures; not this year\'s total against last year\'s published total. "Published" rates are the statistics bureau\'s, labelled and kept apart.',
  },
  import: {
    title: 'Import figures',
    howTo1: 'Download the template; one row per enterprise, period (a month 2025-03 or a quarter 2025-Q1) and basis (累计 year to date or 当期 single period); money in 10k yuan with up to 6 decimals (to the fen).',
    howTo2: 'An empty cell means "not reported" and keeps the stored value; negative employees or revenue, future periods and unknown enterprises are reported row by row.',
    howTo3: 'A repeated enterprise, period and basis updates the stored row; the previous values stay in its history, nothing is duplicated; the above-scale status is derived again.',
    template: 'Download template',
    doneCounts: '{{created}} created, {{updated}} updated',
    unchanged: '{{count}} unchanged',
    backToList: 'Back to the dashboard',
  },
  tab: 'Figures',
  enterprise: {
    scale: 'Above-scale status',
    aboveScale: 'Above scale', notAboveScale: 'Below scale',
    scaleYear: '{{year}}',
    registry: 'Registry: {{flags}}',
    highTech: 'high-tech', listed: 'listed',
    perMu: 'Per-mu performance',
    perMuYear: 'Year (through)',
    taxPerMu: 'Tax per mu (10k yuan)', valueAddedPerMu: 'Value added per mu (10k yuan)', revenuePerMu: 'Revenue per mu (10k yuan)',
    valueAddedPerTce: 'Value added per tce (10k yuan)', taxPerTce: 'Tax per tce (10k yuan)',
    series: 'Figures by period', basis: 'Basis', period: 'Period', corrections: '{{count}} corrections', correct: 'Correct', history: 'History',
    none: 'No figures for this enterprise yet',
    trend: 'Revenue and tax (year to date, 10k yuan)',
    export: 'Export',
  },
  correct: {
    title: 'Correct {{period}} ({{basis}})',
    reason: 'Reason', reasonHelp: 'e.g. "corrected after the tax office checked"; kept in the history and the audit log',
    saved: 'Corrected; the previous values are kept in the history',
    empty: 'Figures left empty do not change',
  },
  history: { title: 'History', change: { import: 'Re-import', correction: 'Correction' }, before: 'Before', after: 'After', by: 'By', at: 'When', reason: 'Reason', none: 'No corrections or re-imports' },
  park: { title: 'Park figures', aboveScale: 'Above-scale enterprises', revenue: 'Above-scale revenue (10k yuan)', tax: 'Above-scale tax (10k yuan)', employees: 'Employees', taxPerMu: 'Tax per mu (10k yuan)', none: 'No figures for the park\'s enterprises yet' },
  ecosystems: {
    title: 'Industry ecosystems', subTitle: 'Enterprises grouped by GB/T 4754-2017 code prefixes; an enterprise may belong to several',
    name: 'Name', nameEn: 'English name', prefixes: 'Industry codes', prefixesHelp: 'Division (2 digits), group (3) or class (4); type and press Enter', description: 'Description', enterprises: 'Enterprises', sortOrder: 'Order',
    add: 'Add ecosystem', edit: 'Edit', delete: 'Delete', deleteConfirm: 'Delete "{{name}}"? Its published rates go too', saved: 'Saved',
  },
  ...chainsEnUS,
  transfer: transferEn,
};
export default enUS;
