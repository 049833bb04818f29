package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Step is one of the five steps from prohibition towards elimination, after
// the Global Initiative's implementation guidance.
type Step string

// The five steps.
const (
	// Enact: prohibition in all settings. Met when the jurisdiction is
	// AllSettings; Partial when at least one setting is prohibited, or full
	// prohibition is adopted but not yet in force; NotMet when no setting is
	// prohibited; NoData when every setting's status is unknown.
	Enact Step = "enact"
	// Plan: a national action plan (campaigns.kind=action_plan). Met when a
	// plan is current on the date; Partial when the latest plan ended within
	// Rubric.PlanYears, or a plan starts after the date; NotMet when
	// campaigns are recorded but no such plan; NoData when no campaign record
	// of any kind names the jurisdiction.
	Plan Step = "plan"
	// Communicate: awareness raising (campaigns.kind=campaign). Met when a
	// campaign reaching one of Rubric.CampaignAudiences ran within the last
	// Rubric.CampaignYears; Partial when a campaign ran in that window but for
	// other audiences, or a campaign reaching them ran earlier; NotMet when
	// campaign records exist but none of these; NoData when no campaign
	// record names the jurisdiction.
	Communicate Step = "communicate"
	// SupportParents: parenting programmes. Met when a programme runs on the
	// date (or ended within Rubric.ProgrammeYears) at one of
	// Rubric.ProgrammeLevels with evidence in Rubric.ProgrammeEvidence;
	// Partial when such a window holds programmes but none both; NotMet when
	// programmes are recorded but none in the window; NoData when none is.
	SupportParents Step = "support_parents"
	// Evaluate: repeated surveys. Met when a series has at least
	// Rubric.MinSurveyPoints points, one of them in a fieldwork year that
	// began after full prohibition came into force, and its latest point
	// within Rubric.SurveyYears; Partial when a series has enough points or a
	// survey is that recent, but not all of it; NotMet when surveys are
	// recorded but none of these; NoData when no survey is.
	Evaluate Step = "evaluate"
)

// Steps lists the five steps in order.
var Steps = []Step{Enact, Plan, Communicate, SupportParents, Evaluate}

// Level says how far a step is met.
type Level string

// Levels of a step.
const (
	Met     Level = "met"
	Partial Level = "partial"
	NotMet  Level = "not_met"
	NoData  Level = "no_data"
)

// Levels lists every level, from met to no data.
var Levels = []Level{Met, Partial, NotMet, NoData}

// Rubric holds the thresholds that decide each step's level. Years count
// back from the as-of date.
type Rubric struct {
	// PlanYears: an action plan that ended within this many years makes
	// Plan partial.
	PlanYears int `json:"plan_years"`
	// CampaignYears: a campaign counts for Communicate when it ran within
	// this many years.
	CampaignYears int `json:"campaign_years"`
	// CampaignAudiences: a campaign meets Communicate when it reaches one of
	// these audiences (campaigns.audiences codes).
	CampaignAudiences []string `json:"campaign_audiences"`
	// ProgrammeYears: a programme that ended within this many years still
	// counts for SupportParents.
	ProgrammeYears int `json:"programme_years"`
	// ProgrammeLevels: a programme meets SupportParents at one of these
	// prevention levels (programmes.level codes).
	ProgrammeLevels []string `json:"programme_levels"`
	// ProgrammeEvidence: a programme meets SupportParents with one of these
	// evaluation grades (programmes.evidence codes).
	ProgrammeEvidence []string `json:"programme_evidence"`
	// SurveyYears: the latest point of a series must lie within this many
	// years for Evaluate.
	SurveyYears int `json:"survey_years"`
	// MinSurveyPoints is the number of points a series needs for Evaluate.
	MinSurveyPoints int `json:"min_survey_points"`
	// StableChange: a trend changing by less than this many percentage
	// points a year is stable.
	StableChange float64 `json:"stable_change"`
}

// StepResult is one step of one jurisdiction's progress.
type StepResult struct {
	Step  Step  `json:"step"`
	Level Level `json:"level"`
	// Reason says in plain words why the step has its level.
	Reason string `json:"reason"`
	// Gap says in plain words what is missing ("no survey since 2017");
	// empty when the step is met.
	Gap string `json:"gap,omitempty"`
	// Evidence lists the records the level rests on.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// JurisdictionProgress is one jurisdiction's progress on the five steps.
type JurisdictionProgress struct {
	Jurisdiction string       `json:"jurisdiction"`
	Name         string       `json:"name"`
	AsOf         dataset.Date `json:"as_of"`
	Category     Category     `json:"category"`
	// Steps holds one result per step, in the order of Steps.
	Steps []StepResult `json:"steps"`
}

// Step returns the result of step s, and false when there is none.
func (p *JurisdictionProgress) Step(s Step) (StepResult, bool) {
	for _, r := range p.Steps {
		if r.Step == s {
			return r, true
		}
	}
	return StepResult{}, false
}
