package dataset

import (
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
)

// JurisdictionKind is what a jurisdiction is.
type JurisdictionKind string

// Jurisdiction kinds.
const (
	State     JurisdictionKind = "state"
	Territory JurisdictionKind = "territory"
)

// Setting is where a child may be punished.
type Setting string

// Settings, in the order the Global Initiative's tables list them.
const (
	Home             Setting = "home"
	AlternativeCare  Setting = "alternative_care"
	DayCare          Setting = "day_care"
	School           Setting = "school"
	PenalInstitution Setting = "penal_institution"
	Sentence         Setting = "sentence"
)

// Settings lists every setting in display order.
var Settings = []Setting{Home, AlternativeCare, DayCare, School, PenalInstitution, Sentence}

// Status is the legal status of corporal punishment in a setting.
type Status string

// Legal statuses.
const (
	Prohibited             Status = "prohibited"
	UnlawfulNotExplicit    Status = "unlawful_not_explicit"
	ProhibitedUnidentified Status = "prohibited_unidentified"
	Partial                Status = "partial"
	NotProhibited          Status = "not_prohibited"
	Unknown                Status = "unknown"
)

// Statuses lists every status, from strongest protection to none.
var Statuses = []Status{Prohibited, UnlawfulNotExplicit, ProhibitedUnidentified, Partial, NotProhibited, Unknown}

// Translation is the language status of a quoted provision.
type Translation string

// Translation statuses.
const (
	Official   Translation = "official"
	Unofficial Translation = "unofficial"
	Original   Translation = "original"
)

// CampaignKind is what kind of measure a campaign record is.
type CampaignKind string

// Campaign kinds.
const (
	MeasureCampaign   CampaignKind = "campaign"
	MeasureActionPlan CampaignKind = "action_plan"
	MeasureTraining   CampaignKind = "training"
	MeasureGuidance   CampaignKind = "guidance"
)

// Indicator is what a survey measured.
type Indicator string

// Survey indicators.
const (
	CPUsePastYear              Indicator = "cp_use_past_year"
	CPExperiencedEver          Indicator = "cp_experienced_ever"
	CPApproval                 Indicator = "cp_approval"
	BanSupport                 Indicator = "ban_support"
	BanAwareness               Indicator = "ban_awareness"
	ViolentDisciplinePastMonth Indicator = "violent_discipline_past_month"
)

// Topic is what a coverage record says was searched.
type Topic string

// Coverage topics: one per table a step of progress is judged from, and
// action plans apart from other campaigns.
const (
	TopicProvisions  Topic = "provisions"
	TopicCommitments Topic = "commitments"
	TopicActionPlans Topic = "action_plans"
	TopicCampaigns   Topic = "campaigns"
	TopicProgrammes  Topic = "programmes"
	TopicSurveys     Topic = "surveys"
)

// Topics lists every coverage topic in the order of coverage.csv's vocabulary.
var Topics = []Topic{TopicProvisions, TopicCommitments, TopicActionPlans, TopicCampaigns, TopicProgrammes, TopicSurveys}

// Vocabularies are the allowed stored values of each coded field, by
// vocabulary name. The typed constants above are the same values for code.
var Vocabularies = map[string][]string{
	"kind":        {"state", "territory"},
	"setting":     {"home", "alternative_care", "day_care", "school", "penal_institution", "sentence"},
	"status":      {"prohibited", "unlawful_not_explicit", "prohibited_unidentified", "partial", "not_prohibited", "unknown"},
	"translation": {"official", "unofficial", "original"},
	"campaign_kind": {
		"campaign", "action_plan", "training", "guidance",
	},
	"lead_type": {"government", "ombudsman", "ngo", "international", "academic", "mixed"},
	"audience":  {"parents", "children", "professionals", "public", "policy_makers", "media", "faith_communities"},
	"channel":   {"tv", "radio", "print", "online", "social_media", "outdoor", "events", "schools", "services"},
	"level":     {"universal", "selective", "indicated"},
	"delivery":  {"group", "individual", "home_visit", "online"},
	"evidence":  {"rct", "quasi_experimental", "evaluated", "not_evaluated"},
	"indicator": {
		"cp_use_past_year", "cp_experienced_ever", "cp_approval", "ban_support", "ban_awareness", "violent_discipline_past_month",
	},
	"respondents": {"parents", "adults", "children", "youth"},
	"method":      {"phone", "face_to_face", "online", "school", "mixed"},
	"source_type": {"legislation", "report", "survey", "website", "news", "dataset"},
	"reliability": {"primary", "secondary", "weak"},
	"topic":       {"provisions", "commitments", "action_plans", "campaigns", "programmes", "surveys"},
}

// InVocabulary reports whether value is one of the named vocabulary's codes.
func InVocabulary(vocab, value string) bool {
	for _, v := range Vocabularies[vocab] {
		if v == value {
			return true
		}
	}
	return false
}

// Country is one entry of the ISO 3166-1 table.
type Country struct {
	Alpha2  string
	Alpha3  string
	Numeric string
	Name    string // English short name
}

//go:embed iso3166.csv
var iso3166CSV string

var countries = sync.OnceValue(func() map[string]Country {
	recs, err := csv.NewReader(strings.NewReader(iso3166CSV)).ReadAll()
	if err != nil {
		panic("dataset: embedded iso3166.csv: " + err.Error())
	}
	m := make(map[string]Country, len(recs))
	for _, r := range recs[1:] {
		m[r[0]] = Country{Alpha2: r[0], Alpha3: r[1], Numeric: r[2], Name: r[3]}
	}
	return m
})

// LookupCountry returns the ISO 3166-1 entry of an alpha-2 code.
func LookupCountry(alpha2 string) (Country, bool) {
	c, ok := countries()[alpha2]
	return c, ok
}

// Countries returns every ISO 3166-1 entry, sorted by alpha-2 code.
func Countries() []Country {
	m := countries()
	out := make([]Country, 0, len(m))
	for _, r := range strings.Split(strings.TrimSpace(iso3166CSV), "\n")[1:] {
		out = append(out, m[r[:2]])
	}
	return out
}
