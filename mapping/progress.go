package mapping

import (
	"fmt"
	"slices"
	"strings"
	"time"

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
	// plan is current on the date (an empty end means ongoing); Partial when
	// the latest plan ended within Rubric.PlanYears; otherwise NotMet where
	// a complete search for action plans speaks for the date, NoData where
	// none does (see the package documentation).
	Plan Step = "plan"
	// Communicate: awareness raising (campaigns.kind=campaign). Met when a
	// campaign reaching one of Rubric.CampaignAudiences ran within the last
	// Rubric.CampaignYears; Partial when a campaign ran in that window but for
	// other audiences, or a campaign reaching them ran earlier; otherwise
	// NotMet where a complete search for campaigns speaks for the date,
	// NoData where none does. A campaign without an end date counts
	// as recent only when it started within the window: campaigns are
	// time-limited, and an empty end records that the end is not known
	// rather than that the campaign still runs.
	Communicate Step = "communicate"
	// SupportParents: parenting programmes. Met when a programme runs on the
	// date (or ended within Rubric.ProgrammeYears) at one of
	// Rubric.ProgrammeLevels with an evidence grade in
	// Rubric.ProgrammeEvidence; Partial when programmes run but none is both;
	// otherwise (none runs) NotMet where a complete search for programmes
	// speaks for the date, NoData where none does.
	SupportParents Step = "support_parents"
	// Evaluate: repeated surveys. Met when a series has at least
	// Rubric.MinSurveyPoints points, one of them in a fieldwork year that
	// began after full prohibition came into force, and its latest point
	// within Rubric.SurveyYears; Partial when a series has enough points or a
	// survey is that recent, but not all of it; otherwise NotMet where a
	// complete search for surveys speaks for the date, NoData where none
	// does.
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
	// CoverageMonths: a complete search (coverage.csv) speaks for the dates
	// up to the day it was made and for this many months after it. A step
	// is judged not met from the absence of records only where such a
	// search speaks for the as-of date.
	CoverageMonths int `json:"coverage_months"`
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
	// Coverage is the search of the step's topic that answers for the
	// date (see CoverageRef), if any was recorded.
	Coverage *CoverageRef `json:"coverage,omitempty"`
	// Searched says in plain words what was searched for the step and
	// when (SearchLine).
	Searched string `json:"searched"`
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

// DefaultRubric returns the rubric cpmap uses when config.yaml says nothing.
func DefaultRubric() Rubric {
	return Rubric{
		PlanYears:         5,
		CampaignYears:     5,
		CampaignAudiences: []string{"parents"},
		ProgrammeYears:    0,
		ProgrammeLevels:   []string{"universal"},
		ProgrammeEvidence: []string{"rct", "quasi_experimental", "evaluated"},
		SurveyYears:       5,
		MinSurveyPoints:   2,
		StableChange:      0.5,
		CoverageMonths:    12,
	}
}

// Validate reports the first thing wrong with the rubric: a negative number
// of years, fewer than two survey points, a negative stable change, an empty
// list or a code that is not in its vocabulary.
func (r Rubric) Validate() error {
	for _, y := range []struct {
		name string
		n    int
	}{{"plan_years", r.PlanYears}, {"campaign_years", r.CampaignYears}, {"programme_years", r.ProgrammeYears}, {"survey_years", r.SurveyYears}, {"coverage_months", r.CoverageMonths}} {
		if y.n < 0 {
			return fmt.Errorf("%s must not be negative, not %d", y.name, y.n)
		}
	}
	if r.MinSurveyPoints < 2 {
		return fmt.Errorf("min_survey_points must be at least 2 to see a change, not %d", r.MinSurveyPoints)
	}
	if r.StableChange < 0 {
		return fmt.Errorf("stable_change must not be negative, not %g", r.StableChange)
	}
	for _, l := range []struct {
		name, vocab string
		codes       []string
	}{
		{"campaign_audiences", "audience", r.CampaignAudiences},
		{"programme_levels", "level", r.ProgrammeLevels},
		{"programme_evidence", "evidence", r.ProgrammeEvidence},
	} {
		if len(l.codes) == 0 {
			return fmt.Errorf("%s must list at least one of %s", l.name, strings.Join(dataset.Vocabularies[l.vocab], ", "))
		}
		for _, c := range l.codes {
			if !dataset.InVocabulary(l.vocab, c) {
				return fmt.Errorf("%s: %q is not one of %s", l.name, c, strings.Join(dataset.Vocabularies[l.vocab], ", "))
			}
		}
	}
	return nil
}

// Progress returns the progress of the jurisdictions codes on the five steps
// on day on, sorted by code, judged by rubric r (see the Step constants).
func (ix *Index) Progress(codes []string, on time.Time, r Rubric) []JurisdictionProgress {
	x := ix.x
	t := day(on)
	out := []JurisdictionProgress{}
	for _, code := range sortedCodes(codes) {
		row := x.row(code, t)
		out = append(out, JurisdictionProgress{
			Jurisdiction: code,
			Name:         row.Name,
			AsOf:         dataset.DateOf(t),
			Category:     row.Category,
			Steps:        x.steps(row, t, r),
		})
	}
	return out
}

// steps judges the five steps of one jurisdiction.
func (x *index) steps(row Row, t time.Time, r Rubric) []StepResult {
	steps := []StepResult{
		x.enact(row, t),
		x.plan(row.Jurisdiction, t, r),
		x.communicate(row.Jurisdiction, t, r),
		x.supportParents(row.Jurisdiction, t, r),
		x.evaluate(row, t, r),
	}
	for i := range steps {
		topic := stepTopic[steps[i].Step]
		steps[i].Coverage = x.searched(row.Jurisdiction, topic, t, r.CoverageMonths)
		steps[i].Searched = SearchLine(topic, steps[i].Coverage)
		if steps[i].Level == absent {
			steps[i].judgeAbsence(topic)
		}
	}
	return steps
}

// absent is the level a step judge gives when the level rests on the
// absence of records: steps turns it into NotMet where a complete search
// speaks for the date, and NoData elsewhere (judgeAbsence).
const absent Level = "absent"

// judgeAbsence decides a step whose level rests on absence (its Reason and
// Gap say what is missing): NotMet where a complete search of its topic
// speaks for the date, NoData, with what to search, elsewhere. Recording a
// record can so never, by itself, turn no data into not met.
func (res *StepResult) judgeAbsence(topic dataset.Topic) {
	if res.Coverage != nil && res.Coverage.Speaks {
		res.Level = NotMet
		res.Reason += fmt.Sprintf(" (%s searched %s: none found)", TopicLabel(topic), res.Coverage.CheckedOn)
		return
	}
	res.Level = NoData
	res.Gap = noSearch(topic, res.Coverage, res.Gap)
}

// provisionEvidence describes a provision as evidence.
func provisionEvidence(setting dataset.Setting, p ProvisionRef) Evidence {
	what := SettingLabel(setting) + ": " + StatusLabel(p.Status)
	for _, part := range []string{p.Instrument, p.Provision} {
		if part != "" {
			what += ", " + part
		}
	}
	var dates []string
	if !p.Adopted.IsZero() {
		dates = append(dates, "adopted "+p.Adopted.String())
	}
	if !p.InForce.IsZero() {
		dates = append(dates, "in force "+p.InForce.String())
	}
	if !p.Until.IsZero() {
		dates = append(dates, "until "+p.Until.String())
	}
	if len(dates) > 0 {
		what += " (" + strings.Join(dates, ", ") + ")"
	}
	if p.Unconfirmed {
		what += " [unconfirmed]"
	}
	return Evidence{Table: "provisions", ID: p.ID, What: what, Source: p.Source}
}

// enact judges the first step from the jurisdiction's row.
func (x *index) enact(row Row, t time.Time) StepResult {
	res := StepResult{Step: Enact}
	prohibited, known := 0, 0
	var missing, pending []string
	for _, c := range row.Cells {
		for _, p := range c.Provisions {
			res.Evidence = append(res.Evidence, provisionEvidence(c.Setting, p))
		}
		for _, p := range c.Pending {
			res.Evidence = append(res.Evidence, provisionEvidence(c.Setting, p))
			if p.Status == dataset.Prohibited {
				pending = append(pending, fmt.Sprintf("%s (adopted %s, in force %s)", SettingLabel(c.Setting), p.Adopted, p.InForce))
			}
		}
		if c.Status != dataset.Unknown {
			known++
		}
		if c.Status == dataset.Prohibited {
			prohibited++
			continue
		}
		missing = append(missing, fmt.Sprintf("%s (%s)", SettingLabel(c.Setting), CellLabel(c)))
	}
	n := len(dataset.Settings)
	switch {
	case prohibited == n:
		res.Level = Met
		res.Reason = "prohibited in all settings"
		if since, ok := x.fullSince(row.Jurisdiction, t); ok {
			res.Reason += " since " + since.String()
		}
		return res
	case known == 0 && len(pending) == 0:
		res.Level = NoData
		res.Reason = "no legal status is recorded for any setting on this date"
		res.Gap = "legal status not recorded"
		return res
	case prohibited > 0 || len(pending) > 0:
		res.Level = Partial
	default:
		res.Level = NotMet
	}
	res.Reason = fmt.Sprintf("prohibited in %d of %d settings", prohibited, n)
	res.Gap = "not prohibited: " + strings.Join(missing, "; ")
	if len(pending) > 0 {
		res.Gap += "; adopted, not yet in force: " + strings.Join(pending, "; ")
	}
	return res
}

// fullSince returns the day full prohibition came into force, as the latest
// of the dated starts of each setting's unbroken run of prohibition up to t,
// and false when any setting is not prohibited on t or no start is dated.
func (x *index) fullSince(code string, t time.Time) (dataset.Date, bool) {
	var latest dataset.Date
	for _, s := range dataset.Settings {
		since, ok := x.prohibitedSince(x.provisions[code][s], t)
		if !ok {
			return dataset.Date{}, false
		}
		if since.Compare(latest) > 0 {
			latest = since
		}
	}
	return latest, !latest.IsZero()
}

// prohibitedSince returns the start of the unbroken run of prohibited
// periods that holds on day t, and false when prohibition does not
// certainly hold on t. A period without a date of its own starts when it is
// attested (speaksFrom), as the status answers do: prohibition is not
// claimed for days before anything recorded speaks for them.
func (x *index) prohibitedSince(rows []*dataset.Provision, t time.Time) (dataset.Date, bool) {
	var cur *dataset.Provision
	for _, p := range rows {
		if x.presence(p, t) == in {
			cur = p
		}
	}
	if cur == nil || cur.Status != dataset.Prohibited {
		return dataset.Date{}, false
	}
	seen := map[*dataset.Provision]bool{cur: true}
	for {
		start, _ := x.speaksFrom(cur)
		if start.IsZero() {
			return start, true
		}
		var prev *dataset.Provision
		for _, p := range rows {
			if !seen[p] && p.Status == dataset.Prohibited && p.Until.Compare(start) == 0 {
				prev = p
			}
		}
		if prev == nil {
			return start, true
		}
		seen[prev] = true
		cur = prev
	}
}

// StartedBy reports whether a record with this start (a campaign, a
// programme) had started by day t: its first day is on or before t, or its
// start is not recorded. A record without a start is known to exist, only
// not since when: it counts from the beginning, as an undated provision does.
func StartedBy(start dataset.Date, t time.Time) bool {
	return start.IsZero() || !t.Before(start.Start())
}

// endedBefore reports whether a record with this end (empty: ongoing) had
// ended before day t.
func endedBefore(end dataset.Date, t time.Time) bool {
	return !end.IsZero() && end.End().Before(t)
}

// campaignEvidence describes a campaign record as evidence.
func campaignEvidence(c *dataset.Campaign) Evidence {
	what := Label("campaign_kind", string(c.Kind)) + ": " + c.Name
	if p := Period(c.Start, c.End); p != "" {
		if c.End.IsZero() {
			p += ", no end date recorded"
		}
		what += " (" + p + ")"
	}
	if len(c.Audiences) > 0 {
		what += ", for " + Labels("audience", c.Audiences)
	}
	return Evidence{Table: "campaigns", ID: c.ID, What: what, Source: c.Source}
}

// plan judges the second step: a national action plan.
func (x *index) plan(code string, t time.Time, r Rubric) StepResult {
	res := StepResult{Step: Plan}
	all := x.campaigns[code]
	var current, ended []*dataset.Campaign
	for _, c := range all {
		if c.Kind != dataset.MeasureActionPlan || !StartedBy(c.Start, t) {
			continue
		}
		if endedBefore(c.End, t) {
			ended = append(ended, c)
		} else {
			current = append(current, c)
		}
	}
	if len(current) > 0 {
		res.Level = Met
		res.Reason = "a national action plan is current: " + current[len(current)-1].Name
		for _, c := range current {
			res.Evidence = append(res.Evidence, campaignEvidence(c))
		}
		return res
	}
	if len(ended) == 0 {
		res.Level = absent
		res.Reason = "no national action plan is recorded"
		res.Gap = "no national action plan recorded"
		return res
	}
	last := latestEnd(ended)
	res.Evidence = append(res.Evidence, campaignEvidence(last))
	res.Gap = fmt.Sprintf("no current national action plan; the last ended %s", last.End)
	if !last.End.End().Before(t.AddDate(-r.PlanYears, 0, 0)) {
		res.Level = Partial
		res.Reason = fmt.Sprintf("the last national action plan ended within %d years", r.PlanYears)
	} else {
		res.Level = absent
		res.Reason = fmt.Sprintf("the last national action plan recorded ended more than %d years ago", r.PlanYears)
	}
	return res
}

// latestEnd returns the campaign that ended last (ties: the last in order).
func latestEnd(cs []*dataset.Campaign) *dataset.Campaign {
	last := cs[0]
	for _, c := range cs[1:] {
		if c.End.Compare(last.End) >= 0 {
			last = c
		}
	}
	return last
}

// lastSeen returns the last date a campaign is known to have run: its end,
// or its start when no end is recorded.
func lastSeen(c *dataset.Campaign) dataset.Date {
	if !c.End.IsZero() {
		return c.End
	}
	return c.Start
}

// lastSeenOf returns the latest lastSeen of the campaigns, with a note when
// it is a start because no end is recorded.
func lastSeenOf(cs []*dataset.Campaign) string {
	last := cs[0]
	for _, c := range cs[1:] {
		if lastSeen(c).Compare(lastSeen(last)) > 0 {
			last = c
		}
	}
	if last.End.IsZero() {
		return fmt.Sprintf("%s (it started then; no end date is recorded)", last.Start)
	}
	return last.End.String()
}

// communicate judges the third step: awareness campaigns reaching parents.
func (x *index) communicate(code string, t time.Time, r Rubric) StepResult {
	res := StepResult{Step: Communicate}
	all := x.campaigns[code]
	audiences := strings.Join(r.CampaignAudiences, " or ")
	windowStart := t.AddDate(-r.CampaignYears, 0, 0)
	var reachingRecent, otherRecent, reachingOld, otherOld []*dataset.Campaign
	for _, c := range all {
		if c.Kind != dataset.MeasureCampaign || !StartedBy(c.Start, t) {
			continue
		}
		recent := !lastSeen(c).End().Before(windowStart)
		reaches := slices.ContainsFunc(c.Audiences, func(a string) bool { return slices.Contains(r.CampaignAudiences, a) })
		switch {
		case recent && reaches:
			reachingRecent = append(reachingRecent, c)
		case recent:
			otherRecent = append(otherRecent, c)
		case reaches:
			reachingOld = append(reachingOld, c)
		default:
			otherOld = append(otherOld, c)
		}
	}
	add := func(cs []*dataset.Campaign) {
		for _, c := range cs {
			res.Evidence = append(res.Evidence, campaignEvidence(c))
		}
	}
	switch {
	case len(reachingRecent) > 0:
		res.Level = Met
		res.Reason = fmt.Sprintf("an awareness campaign reaching %s ran within the last %d years", audiences, r.CampaignYears)
		add(reachingRecent)
	case len(otherRecent) > 0:
		res.Level = Partial
		res.Reason = fmt.Sprintf("awareness campaigns ran within the last %d years, but none records %s among its audiences", r.CampaignYears, audiences)
		res.Gap = fmt.Sprintf("no recent campaign recorded as reaching %s", audiences)
		add(otherRecent)
		add(reachingOld)
	case len(reachingOld) > 0:
		res.Level = Partial
		res.Reason = fmt.Sprintf("an awareness campaign reached %s, but more than %d years ago", audiences, r.CampaignYears)
		res.Gap = fmt.Sprintf("no campaign reaching %s since %s", audiences, lastSeenOf(reachingOld))
		add(reachingOld)
	default:
		res.Level = absent
		res.Reason = fmt.Sprintf("no awareness campaign reaching %s within the last %d years is recorded", audiences, r.CampaignYears)
		res.Gap = "no awareness campaign recorded"
		if len(otherOld) > 0 {
			res.Gap = fmt.Sprintf("no awareness campaign since %s", lastSeenOf(otherOld))
			add(otherOld)
		}
	}
	return res
}

// programmeEvidence describes a programme as evidence.
func programmeEvidence(p *dataset.Programme) Evidence {
	what := "programme: " + p.Name
	var facts []string
	if p.Model != "" && p.Model != p.Name {
		facts = append(facts, p.Model)
	}
	facts = append(facts, orNotRecorded("level", "level", p.Level), orNotRecorded("evaluation", "evidence", p.Evidence))
	if per := Period(p.Start, p.End); per != "" {
		facts = append(facts, per)
	}
	what += " (" + strings.Join(facts, ", ") + ")"
	return Evidence{Table: "programmes", ID: p.ID, What: what, Source: p.Source}
}

// orNotRecorded returns the label of v in vocab, or says that what is not
// recorded.
func orNotRecorded(what, vocab, v string) string {
	if v == "" {
		return what + " not recorded"
	}
	return Label(vocab, v)
}

// supportParents judges the fourth step: evaluated parenting programmes at
// the rubric's levels.
func (x *index) supportParents(code string, t time.Time, r Rubric) StepResult {
	res := StepResult{Step: SupportParents}
	all := x.programmes[code]
	if len(all) == 0 {
		res.Level = absent
		res.Reason = "no parenting programme is recorded"
		res.Gap = "no parenting programme recorded"
		return res
	}
	windowStart := t.AddDate(-r.ProgrammeYears, 0, 0)
	var good, running, ended []*dataset.Programme
	for _, p := range all {
		if !StartedBy(p.Start, t) {
			continue
		}
		if endedBefore(p.End, windowStart) {
			ended = append(ended, p)
			continue
		}
		running = append(running, p)
		if slices.Contains(r.ProgrammeLevels, p.Level) && slices.Contains(r.ProgrammeEvidence, p.Evidence) {
			good = append(good, p)
		}
	}
	levels := strings.Join(r.ProgrammeLevels, " or ")
	switch {
	case len(good) > 0:
		res.Level = Met
		res.Reason = fmt.Sprintf("an evaluated %s parenting programme runs", levels)
		for _, p := range good {
			res.Evidence = append(res.Evidence, programmeEvidence(p))
		}
	case len(running) > 0:
		res.Level = Partial
		res.Reason = "parenting programmes run"
		res.Gap = fmt.Sprintf("no evaluated %s programme: ", levels)
		var why []string
		for _, p := range running {
			res.Evidence = append(res.Evidence, programmeEvidence(p))
			var lacks []string
			if !slices.Contains(r.ProgrammeLevels, p.Level) {
				lacks = append(lacks, orNotRecorded("level", "level", p.Level))
			}
			if !slices.Contains(r.ProgrammeEvidence, p.Evidence) {
				if p.Evidence == "" {
					lacks = append(lacks, "no evaluation recorded")
				} else {
					lacks = append(lacks, Label("evidence", p.Evidence))
				}
			}
			why = append(why, p.Name+": "+strings.Join(lacks, ", "))
		}
		res.Gap += strings.Join(why, "; ")
	default:
		res.Level = absent
		res.Reason = "parenting programmes are recorded, but none runs"
		res.Gap = "no parenting programme running"
		if len(ended) > 0 {
			last := ended[0]
			for _, p := range ended[1:] {
				if p.End.Compare(last.End) >= 0 {
					last = p
				}
			}
			res.Gap += "; the last ended " + last.End.String()
			for _, p := range ended {
				res.Evidence = append(res.Evidence, programmeEvidence(p))
			}
		}
	}
	return res
}

// surveyEvidence describes a survey series' points as evidence.
func surveyEvidence(tr Trend) []Evidence {
	out := make([]Evidence, 0, len(tr.Points))
	for _, p := range tr.Points {
		out = append(out, Evidence{
			Table:  "surveys",
			ID:     p.SurveyID,
			What:   fmt.Sprintf("survey of %s, %d: %s%%", TrendLabel(tr), p.Year, FormatPercent(p.Value)),
			Source: p.Source,
		})
	}
	return out
}

// evaluate judges the fifth step: repeated surveys, one after full
// prohibition, the latest recent.
func (x *index) evaluate(row Row, t time.Time, r Rubric) StepResult {
	res := StepResult{Step: Evaluate}
	if len(x.surveys[row.Jurisdiction]) == 0 {
		res.Level = absent
		res.Reason = "no survey is recorded"
		res.Gap = "no survey recorded"
		return res
	}
	trends := x.trends(row.Jurisdiction, t, r.StableChange)
	if len(trends) == 0 {
		res.Level = absent
		res.Reason = "surveys are recorded, but none by this date"
		res.Gap = "no survey by this date"
		return res
	}
	since, full := x.fullSince(row.Jurisdiction, t)
	recentYear := t.Year() - r.SurveyYears
	type judged struct {
		tr                      Trend
		repeated, after, recent bool
		score                   int
	}
	var best *judged
	latestYear := 0
	for _, tr := range trends {
		j := judged{tr: tr}
		j.repeated = tr.Comparable >= r.MinSurveyPoints
		j.recent = tr.Latest.Year >= recentYear
		for _, p := range tr.Points[len(tr.Points)-tr.Comparable:] {
			fieldwork := time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC)
			if full && !fieldwork.Before(since.End()) {
				j.after = true
			}
		}
		for _, ok := range []bool{j.repeated, j.after, j.recent} {
			if ok {
				j.score++
			}
		}
		latestYear = max(latestYear, tr.Latest.Year)
		if best == nil || j.score > best.score || (j.score == best.score && tr.Latest.Year > best.tr.Latest.Year) {
			best = &j
		}
	}
	res.Evidence = surveyEvidence(best.tr)
	desc := fmt.Sprintf("the series of %s (%d comparable points, latest %d)", TrendLabel(best.tr), best.tr.Comparable, best.tr.Latest.Year)
	if best.score == 3 {
		res.Level = Met
		res.Reason = "repeated surveys track change since prohibition: " + desc
		return res
	}
	var gaps []string
	if latestYear < recentYear {
		gaps = append(gaps, fmt.Sprintf("no survey since %d", latestYear))
	} else if !best.recent {
		gaps = append(gaps, fmt.Sprintf("the series was last measured in %d", best.tr.Latest.Year))
	}
	if !best.repeated {
		gaps = append(gaps, fmt.Sprintf("no series with %d comparable points", r.MinSurveyPoints))
	}
	if !best.after {
		if full {
			gaps = append(gaps, fmt.Sprintf("no comparable point after full prohibition came into force (%s)", since))
		} else {
			gaps = append(gaps, "no dated full prohibition in force to evaluate against")
		}
	}
	res.Gap = strings.Join(gaps, "; ")
	anyRecent := latestYear >= recentYear
	anyRepeated := slices.ContainsFunc(trends, func(tr Trend) bool { return tr.Comparable >= r.MinSurveyPoints })
	if anyRecent || anyRepeated {
		res.Level = Partial
		res.Reason = "surveys are recorded, but no series meets every condition; closest: " + desc
	} else {
		res.Level = absent
		res.Reason = fmt.Sprintf("only single, old surveys are recorded (latest %d)", latestYear)
	}
	return res
}
