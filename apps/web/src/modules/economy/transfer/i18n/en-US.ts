import type transferZh from './zh-CN';

/** Technology transfer (namespace `economy`, key `transfer`). */
const transferEn: typeof transferZh = {
  pageTitle: 'Technology transfer', subTitle: 'Match lab results to enterprises; record contacts, negotiations and landings; statistics by lab, field and year',
  tabResults: 'Results', tabStats: 'Statistics',
  add: 'Enter a result', saved: 'Saved', recorded: 'Recorded',
  title: 'Result', summary: 'Summary', lab: 'Offered by', field: 'Field', maturity: 'Maturity', maturityHelp: 'TRL 1-9 (ISO 16290): 1 basic principles, 4 lab validation, 6 relevant environment, 9 proven in operation',
  modes: 'Modes of transfer', mode: 'Mode of transfer', price: 'Asking price', priceMin: 'Asking price from', priceMax: 'Asking price up to', patents: 'Intellectual property (patents)', patentsHelp: 'One a line: number, then title, e.g. ZL202110234567.1 A compute-in-memory accelerator',
  patentNumber: 'Number', patentTitle: 'Title', patentKind: 'Kind', patentKinds: { invention: 'Invention', utility: 'Utility model', design: 'Design', software: 'Software copyright' },
  industries: 'Industries', keywords: 'Keywords', keywordsHelp: 'Looked for in enterprise names, business scopes and tags; press Enter after each',
  offeredOn: 'Offered on', status: 'Status', search: 'Title or keyword', dealsCol: 'Landed / contacts',
  statuses: { open: 'Open', landed: 'Landed', withdrawn: 'Withdrawn' },
  fields: { ai: 'Artificial intelligence', chips: 'Integrated circuits', network: 'Networks and security', biomed: 'Biomedicine', materials: 'New materials', manufacturing: 'Smart manufacturing', aerospace: 'Aerospace and drones', energy: 'New energy', other: 'Other' },
  modeNames: { licence: 'Licence', assignment: 'Assignment', equity: 'Equity', joint_development: 'Joint development' },
  matches: 'Matched enterprises', matchesNote: 'Ranked among {{candidates}} candidates (open a row for the factors)',
  method: 'Score = points ÷ weights of the factors that apply × 100. Industry 35 (class 1.0, group 0.8, division 0.6, same division only 0.3), keywords 30 (three found is full), R&D intensity 20 (≥5% 1.0, ≥3% 0.7, any 0.4), high-tech 15; chain link 10 once industrial chains are available.',
  factors: { industry: 'Industry', keywords: 'Keywords', rd: 'R&D', highTech: 'High-tech', chain: 'Chain' },
  enterprise: 'Enterprise', industry: 'Industry', street: 'Street', score: 'Score', highTech: 'High-tech',
  deals: 'Contacts', noDeals: 'No contacts yet: choose "Record contact" on a match below', stage: 'Stage', scoreAtContact: 'Score at contact',
  stages: { contacted: 'Contacted', negotiating: 'Negotiating', landed: 'Landed', failed: 'Failed' },
  eventKinds: { contact: 'Contact', negotiation: 'Negotiation', landed: 'Landed', failed: 'Failed' }, eventKind: 'Kind',
  recordContact: 'Record contact', contactProspect: 'Contact an unregistered team', recordEvent: 'Record contact/negotiation', land: 'Landed', fail: 'Failed',
  contactHelp: 'The current score {{score}} is kept; record negotiations and the outcome on the contact.',
  prospect: 'Not registered', prospectName: 'Contacted', prospectHelp: 'E.g. a research team about to found a company; register it when it lands',
  happenedOn: 'Date', landedOn: 'Landed on', note: 'Notes', failReason: 'Why it failed', value: 'Contract value',
  landedIn: 'Landed in', whereSame: 'The contacted enterprise', whereLinked: 'Another registered enterprise', whereNew: 'A new company (registered now)',
  newName: 'Company name', newCreditCode: 'Unified social credit code', newEnterprise: 'New',
  stats: {
    years: 'Years', from: 'from', to: 'to', export: 'Export', count: 'count', wan: '10k yuan', year: 'Year',
    results: 'Results offered', asking: 'Asking prices (10k yuan)', deals: 'Enterprises contacted', landed: 'Transfers landed', landedValue: 'Contract value (10k yuan)', newEnterprises: 'Companies founded',
    byLab: 'By lab', byField: 'By field', byYear: 'By year',
  },
};
export default transferEn;
