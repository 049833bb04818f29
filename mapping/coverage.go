package mapping

import (
	"fmt"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// CoverageRef is a coverage record as answers cite it: who searched what,
// when, and whether the search was complete.
type CoverageRef struct {
	Topic     dataset.Topic `json:"topic"`
	CheckedOn dataset.Date  `json:"checked_on"`
	Complete  bool          `json:"complete"`
	Source    string        `json:"source,omitempty"`
	Notes     string        `json:"notes,omitempty"`
	// Speaks is true when the record is complete and speaks for the as-of
	// date of the answer (see Rubric.CoverageMonths).
	Speaks bool `json:"speaks"`
}

// stepTopic is the coverage topic each step's absence is judged by.
var stepTopic = map[Step]dataset.Topic{
	Enact:          dataset.TopicProvisions,
	Plan:           dataset.TopicActionPlans,
	Communicate:    dataset.TopicCampaigns,
	SupportParents: dataset.TopicProgrammes,
	Evaluate:       dataset.TopicSurveys,
}

// StepTopic returns the coverage topic step s is judged by.
func StepTopic(s Step) dataset.Topic { return stepTopic[s] }

// speaksFor reports whether a complete search made on checkedOn speaks for
// day t: t is no later than the last day of checkedOn plus months.
func speaksFor(checkedOn dataset.Date, t time.Time, months int) bool {
	return !t.After(checkedOn.End().AddDate(0, months, 0))
}

// searched returns the coverage record of the jurisdiction's topic that
// answers for day t: the latest complete record that speaks for t, else the
// latest record of the topic made by t (or any, when all were made after
// it); nil when the topic was never searched.
func (x *index) searched(code string, topic dataset.Topic, t time.Time, months int) *CoverageRef {
	var best, latest *dataset.Coverage
	for _, c := range x.coverage[code][topic] {
		if c.Complete != nil && *c.Complete && speaksFor(c.CheckedOn, t, months) {
			best = c // records are sorted by checked_on: the latest wins
		}
		latest = c
	}
	c := best
	if c == nil {
		c = latest
	}
	if c == nil {
		return nil
	}
	return &CoverageRef{
		Topic: c.Topic, CheckedOn: c.CheckedOn, Complete: c.Complete != nil && *c.Complete,
		Source: c.Source, Notes: c.Notes, Speaks: c == best,
	}
}

// SearchLine says in plain words what was searched for a topic and when, as
// the summary and the pack print it under each step: "action plans: searched
// 2026-11, complete", "surveys: searched 2026-11-20, not complete", or
// "campaigns: no search recorded".
func SearchLine(topic dataset.Topic, c *CoverageRef) string {
	what := TopicLabel(topic)
	switch {
	case c == nil:
		return what + ": no search recorded"
	case c.Complete:
		return fmt.Sprintf("%s: searched %s, complete", what, c.CheckedOn)
	}
	return fmt.Sprintf("%s: searched %s, not complete", what, c.CheckedOn)
}

// whereToSearch says what a researcher should search for each topic, for
// the gap of a step with no data.
var whereToSearch = map[dataset.Topic]string{
	dataset.TopicProvisions:  "search the country's legislation and the Global Initiative's country report",
	dataset.TopicActionPlans: "search the government's and ministries' strategies and action plans on violence against children",
	dataset.TopicCampaigns:   "search ministries', ombudsmen's and NGOs' awareness campaigns on positive parenting and the ban",
	dataset.TopicProgrammes:  "search the national registers and ministries' lists of parenting programmes",
	dataset.TopicSurveys:     "search national surveys of parents' and children's experience and attitudes",
}

// noSearch returns the gap of a step whose level would rest on absence but
// that no complete search speaks for: what is missing and what to search.
func noSearch(topic dataset.Topic, c *CoverageRef, missing string) string {
	gap := missing + "; no complete search speaks for this date"
	if c != nil {
		gap += " (" + SearchLine(topic, c) + ")"
	}
	return gap + ": " + whereToSearch[topic] + ", and record the search in coverage"
}
