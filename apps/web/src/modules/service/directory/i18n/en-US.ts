import type zhCN from './zh-CN';

const enUS: typeof zhCN = {
  menu: { providers: 'Resource directory', visits: 'Visits' },
  kind: {
    testing_lab: 'Testing lab', certification_body: 'Certification body', law_firm: 'Law firm', bank: 'Bank', patent_agency: 'Patent agency',
    training_body: 'Training body', accounting_firm: 'Accounting firm', consultancy: 'Consultancy', other: 'Other',
  },
  system: { gcj02: 'GCJ-02 (AMap, Tencent maps)', wgs84: 'WGS-84 (GPS)', bd09: 'BD-09 (Baidu maps)' },
  outcome: { pending: 'Awaiting feedback', helped: 'Helped', not_helped: 'Did not help' },
  status: { active: 'Active', inactive: 'Inactive' },
  field: {
    name: 'Name', kind: 'Kind', capabilities: 'Capabilities', capability: 'Capability', address: 'Address', division: 'Street code', contactName: 'Contact',
    contactPhone: 'Phone', openingHours: 'Opening hours', lat: 'Latitude', lng: 'Longitude', system: 'Coordinate system', description: 'Description', website: 'Website', email: 'E-mail',
    status: 'Status', services: 'Services', serviceName: 'Service name', distance: 'Distance', updatedAt: 'Updated', location: 'Location (GCJ-02)',
    note: 'Note', recommendedBy: 'Recommended by', recommendedAt: 'Recommended at', outcome: 'Outcome', provider: 'Provider', request: 'Request', enterprise: 'Enterprise',
  },
  providers: {
    title: 'Resource directory', subTitle: 'Testing, certification, legal, financial, IP and training providers; locations kept in GCJ-02', search: 'Name or address', create: 'Register a provider',
    edit: 'Edit provider', import: 'Import', export: 'Export', empty: 'No provider matches', addService: 'Add a service', saved: 'Saved',
    recommended: 'Recommended {{total}} times, helped {{helped}} times', locationHint: 'Coordinates read from a GPS device or Baidu maps: choose that system; they are converted into GCJ-02',
    capabilitiesTitle: 'Capabilities', addCapability: 'New capability', code: 'Code', codeHint: 'A child\'s code starts with its parent\'s code and a dot, e.g. testing.noise',
  },
  nearby: {
    button: 'Nearby resources', title: 'Nearby resources: the providers nearest to {{name}}', capability: 'Capability needed', anyCapability: 'Any capability', limit: 'Show', map: 'Where they are (the enterprise in red; distances are great-circle)',
    recommend: 'Recommend', recommendTitle: 'Recommend {{name}}', recommendNote: 'Note (optional)', recommended: 'Recommendation recorded', before: 'Recommended {{n}} times before',
    none: 'No provider with this capability nearby', noLocation: 'The enterprise has no location yet', enterprise: 'Enterprise', provider: 'Provider',
  },
  recs: {
    title: 'Recommended resources', empty: 'No recommendation yet', helped: 'Helped', notHelped: 'Did not help', outcomeNote: 'Feedback (optional)', outcomeSaved: 'Outcome recorded',
    parkTitle: 'Resources recommended to the park\'s enterprises', total: 'Recommendations', enterprises: 'Enterprises', helpedRate: 'Helped', byCapability: 'By capability', topProviders: 'Most recommended providers',
  },
  location: {
    title: 'Location', none: 'No location yet: nearest matching needs the enterprise\'s latitude and longitude', set: 'Set location', saved: 'Location saved', clear: 'Clear',
  },
  tab: { resources: 'Resources', visits: 'Visits' },
  event: { resource_recommended: 'Resource recommended', resource_outcome: 'Resource outcome' },
  visits: {
    title: 'Visits', record: 'Record a visit', list: 'Visits', coverage: 'Coverage', plans: 'Visit plans', empty: 'No visit yet', export: 'Export',
    visitedAt: 'Visited at', visitor: 'Visitor', companions: 'Companions and hosts', discussed: 'Discussed', problems: 'Problems found', followUps: 'Follow-up',
    addProblem: 'Add a problem', toRequest: 'Make a request', converted: 'Request {{number}}', saved: 'Visit recorded', plan: 'Plan', edit: 'Edit',
    coverageTitle: 'Visit coverage {{from}} – {{to}}', byStreet: 'By street', byPark: 'By park', enterprises: 'Enterprises', visited: 'Visited', visits: 'Visits', share: 'Coverage', total: 'Total',
    newPlan: 'New visit plan', agent: 'Agent', street: 'Street', period: 'Period', planEnterprises: 'Enterprises to visit', progress: '{{visited}} / {{planned}} done', planSaved: 'Plan saved', editPlan: 'Edit', editPlanTitle: 'Edit visit plan', planChanged: 'Last changed', changedBy: '{{name}} at {{at}}',
    from: 'From', to: 'To',
  },
  import: {
    title: 'Import providers',
    howTo1: 'Download the template and fill in the columns; name, kind, capabilities, latitude and longitude are required. Capabilities by code or name, several separated by 、.',
    howTo2: 'An empty coordinate system means GCJ-02 (AMap, Tencent); GPS readings are WGS-84, Baidu maps BD-09, converted on import. Locations must lie in the county.',
    howTo3: 'Every row is checked (coordinates, capabilities, kinds, streets); download the error report for the bad ones. Rows update by name + address: importing twice creates no duplicates.',
    template: 'Download the provider template', doneCounts: '{{created}} created, {{updated}} updated', unchanged: '{{count}} unchanged', backToList: 'Back to the directory',
  },
};
export default enUS;
