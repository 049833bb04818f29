package dataset

// The record types, one per table of SCHEMA.md. The csv tag is the exact
// column name and the field order is the column order. The cp tag carries the
// rest of the contract: the kind of value (id, code, url, text; enum=VOCAB and
// list=VOCAB for coded values), required, ref=TABLE for a foreign key to that
// table's primary key, and range=MIN:MAX for numbers.
// Origin is where the record was read from; it is not stored.

// Jurisdiction is a state or territory (jurisdictions.csv).
type Jurisdiction struct {
	Code                  string           `csv:"code" cp:"code,required"`
	Name                  string           `csv:"name" cp:"text,required"`
	Kind                  JurisdictionKind `csv:"kind" cp:"enum=kind,required"`
	Parent                string           `csv:"parent" cp:"code,ref=jurisdictions"`
	ChildPopulation       *int             `csv:"child_population" cp:"range=0:"`
	ChildPopulationYear   *int             `csv:"child_population_year" cp:"range=1000:9999"`
	ChildPopulationSource string           `csv:"child_population_source" cp:"id,ref=sources"`
	Origin                Origin           `csv:"-"`
}

// Membership is a jurisdiction's membership of a group such as CBSS (memberships.csv).
type Membership struct {
	Jurisdiction string `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	Group        string `csv:"group" cp:"text,required"`
	From         Date   `csv:"from" cp:"required"`
	Until        Date   `csv:"until"`
	Note         string `csv:"note" cp:"text"`
	Origin       Origin `csv:"-"`
}

// Provision is the legal status of one setting in one jurisdiction over a
// period (provisions.csv). Several form a timeline.
type Provision struct {
	ID           string      `csv:"id" cp:"id,required"`
	Jurisdiction string      `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	Setting      Setting     `csv:"setting" cp:"enum=setting,required"`
	Status       Status      `csv:"status" cp:"enum=status,required"`
	Confirmed    *bool       `csv:"confirmed"`
	Adopted      Date        `csv:"adopted"`
	InForce      Date        `csv:"in_force"`
	Until        Date        `csv:"until"`
	Instrument   string      `csv:"instrument" cp:"text"`
	Provision    string      `csv:"provision" cp:"text"`
	Quote        string      `csv:"quote" cp:"text"`
	Translation  Translation `csv:"translation" cp:"enum=translation"`
	Source       string      `csv:"source" cp:"id,required,ref=sources"`
	VerifiedOn   Date        `csv:"verified_on"`
	Notes        string      `csv:"notes" cp:"text"`
	Origin       Origin      `csv:"-"`
}

// Start returns the date the status took effect: in_force, or adopted when
// in_force is unknown (the second result is then false).
func (p *Provision) Start() (Date, bool) {
	if !p.InForce.IsZero() {
		return p.InForce, true
	}
	return p.Adopted, false
}

// Commitment is a government's commitment to full prohibition (commitments.csv).
type Commitment struct {
	Jurisdiction string `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	From         Date   `csv:"from" cp:"required"`
	Until        Date   `csv:"until"`
	Source       string `csv:"source" cp:"id,required,ref=sources"`
	Notes        string `csv:"notes" cp:"text"`
	Origin       Origin `csv:"-"`
}

// Campaign is an awareness campaign, national plan, training or
// guidance (campaigns.csv).
type Campaign struct {
	ID            string       `csv:"id" cp:"id,required"`
	Jurisdictions []string     `csv:"jurisdictions" cp:"list=code,required,ref=jurisdictions"`
	Kind          CampaignKind `csv:"kind" cp:"enum=campaign_kind,required"`
	Name          string       `csv:"name" cp:"text,required"`
	NameOriginal  string       `csv:"name_original" cp:"text"`
	Start         Date         `csv:"start" cp:"required"`
	End           Date         `csv:"end"`
	Lead          string       `csv:"lead" cp:"text"`
	LeadType      string       `csv:"lead_type" cp:"enum=lead_type"`
	Audiences     []string     `csv:"audiences" cp:"list=audience"`
	Channels      []string     `csv:"channels" cp:"list=channel"`
	Evaluated     *bool        `csv:"evaluated"`
	Source        string       `csv:"source" cp:"id,required,ref=sources"`
	Notes         string       `csv:"notes" cp:"text"`
	Origin        Origin       `csv:"-"`
}

// Programme is a parenting support programme (programmes.csv).
type Programme struct {
	ID           string   `csv:"id" cp:"id,required"`
	Jurisdiction string   `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	Name         string   `csv:"name" cp:"text,required"`
	Model        string   `csv:"model" cp:"text"`
	Provider     string   `csv:"provider" cp:"text"`
	Level        string   `csv:"level" cp:"enum=level"`
	Delivery     []string `csv:"delivery" cp:"list=delivery"`
	AgeFrom      *int     `csv:"age_from" cp:"range=0:17"`
	AgeTo        *int     `csv:"age_to" cp:"range=0:17"`
	Start        Date     `csv:"start"`
	End          Date     `csv:"end"`
	Reach        *int     `csv:"reach" cp:"range=0:"`
	ReachYear    *int     `csv:"reach_year" cp:"range=1000:9999"`
	Evidence     string   `csv:"evidence" cp:"enum=evidence"`
	Source       string   `csv:"source" cp:"id,required,ref=sources"`
	Notes        string   `csv:"notes" cp:"text"`
	Origin       Origin   `csv:"-"`
}

// Survey is one measurement of prevalence, attitude or awareness (surveys.csv).
type Survey struct {
	ID           string    `csv:"id" cp:"id,required"`
	Jurisdiction string    `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	Series       string    `csv:"series" cp:"id"`
	Indicator    Indicator `csv:"indicator" cp:"enum=indicator,required"`
	Year         int       `csv:"year" cp:"required,range=1000:9999"`
	Value        float64   `csv:"value" cp:"percent,required"`
	Respondents  string    `csv:"respondents" cp:"enum=respondents,required"`
	Population   string    `csv:"population" cp:"text"`
	SampleSize   *int      `csv:"sample_size" cp:"range=1:"`
	Question     string    `csv:"question" cp:"text"`
	Method       string    `csv:"method" cp:"enum=method"`
	Break        *bool     `csv:"break"`
	Source       string    `csv:"source" cp:"id,required,ref=sources"`
	Notes        string    `csv:"notes" cp:"text"`
	Origin       Origin    `csv:"-"`
}

// Source is a cited document, page or dataset (sources.csv).
type Source struct {
	ID          string `csv:"id" cp:"id,required"`
	Title       string `csv:"title" cp:"text,required"`
	Publisher   string `csv:"publisher" cp:"text"`
	URL         string `csv:"url" cp:"url"`
	Published   Date   `csv:"published"`
	Accessed    Date   `csv:"accessed"`
	Type        string `csv:"type" cp:"enum=source_type,required"`
	Reliability string `csv:"reliability" cp:"enum=reliability"`
	Licence     string `csv:"licence" cp:"text"`
	Origin      Origin `csv:"-"`
}

// Coverage records that a researcher searched one topic of one jurisdiction
// on a date, and whether every item found is recorded (coverage.csv). An
// absent record means something only where a complete coverage record
// speaks for the date in question.
type Coverage struct {
	Jurisdiction string `csv:"jurisdiction" cp:"code,required,ref=jurisdictions"`
	Topic        Topic  `csv:"topic" cp:"enum=topic,required"`
	CheckedOn    Date   `csv:"checked_on" cp:"required"`
	Complete     *bool  `csv:"complete" cp:"required"`
	Source       string `csv:"source" cp:"id,ref=sources"`
	Notes        string `csv:"notes" cp:"text"`
	Origin       Origin `csv:"-"`
}

// Dataset is the whole normalised dataset, one slice per table.
type Dataset struct {
	Jurisdictions []Jurisdiction
	Memberships   []Membership
	Provisions    []Provision
	Commitments   []Commitment
	Campaigns     []Campaign
	Programmes    []Programme
	Surveys       []Survey
	Coverage      []Coverage
	Sources       []Source

	// Package is the data package's metadata, kept in datapackage.json.
	Package PackageInfo
	// Imports is the import log (ImportsFile): each file imported into
	// the dataset, by path, with its hash when last imported.
	Imports []Import
}
