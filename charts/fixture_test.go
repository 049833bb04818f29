package charts

import (
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// Hostile texts: each would run a script if a page wrote it unescaped,
// inside a <script> element or in HTML.
const (
	hostileScript = `</script><script>alert(1)</script>`
	hostileAttr   = `"><img src=x onerror=alert(1)>`
)

var hostile = []string{hostileScript, hostileAttr}

func ptr[T any](v T) *T { return &v }

func date(s string) dataset.Date { return dataset.MustDate(s) }

// fixtureDataset is a small hand-made dataset whose names, law titles,
// source titles and campaign names carry the hostile texts.
func fixtureDataset() *dataset.Dataset {
	return &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "DE", Name: "Germany", Kind: dataset.State, ChildPopulation: ptr(13_900_000)},
			{Code: "DK", Name: "Denmark", Kind: dataset.State, ChildPopulation: ptr(1_150_000)},
			{Code: "FO", Name: hostileAttr, Kind: dataset.Territory, Parent: "DK"},
			{Code: "PL", Name: hostileScript, Kind: dataset.State, ChildPopulation: ptr(6_900_000)},
			{Code: "SE", Name: "Sweden", Kind: dataset.State, ChildPopulation: ptr(2_200_000)},
		},
		Sources: []dataset.Source{
			{ID: "src-de", Title: "Bürgerliches Gesetzbuch", Publisher: "Bundesministerium der Justiz", Type: "legislation"},
			{ID: "src-pl", Title: "Report " + hostileScript, Publisher: hostileAttr, URL: "https://example.org/pl", Type: "report"},
			{ID: "src-se", Title: "Föräldrabalken " + hostileAttr, Published: date("1979"), Type: "legislation"},
			{ID: "src-survey", Title: "Survey " + hostileScript, Type: "survey"},
		},
		Campaigns: []dataset.Campaign{
			{ID: "se-plan-2019", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureActionPlan, Name: "Plan " + hostileScript, Start: date("2019"), Source: "src-se"},
			{ID: "se-plan-2019b", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureActionPlan, Name: "Second plan", Start: date("2019"), Source: "src-se"},
			{ID: "se-campaign-2019", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureCampaign, Name: "Campaign " + hostileAttr, Start: date("2019-05"), Source: "src-pl"},
			{ID: "de-training-2021", Jurisdictions: []string{"DE"}, Kind: dataset.MeasureTraining, Name: "Training", Start: date("2021"), Source: "src-de"},
		},
		Programmes: []dataset.Programme{
			{ID: "pl-prog-2020", Jurisdiction: "PL", Name: "Programme " + hostileAttr, Start: date("2020"), Source: "src-pl"},
		},
	}
}

func cells(status dataset.Status, src, instrument string, inForce dataset.Date) []mapping.Cell {
	var out []mapping.Cell
	for _, s := range dataset.Settings {
		out = append(out, mapping.Cell{Setting: s, Status: status,
			Provisions: []mapping.ProvisionRef{{ID: "p-" + string(s), Status: status, InForce: inForce, Instrument: instrument, Source: src}}})
	}
	return out
}

func row(code, name string, cat mapping.Category, cs []mapping.Cell) mapping.Row {
	return mapping.Row{Jurisdiction: code, Name: name, Cells: cs, Category: cat}
}

// fixtureMatrix is the status on 2025-01-01: every status and category
// occurs, with an uncertain cell, an unconfirmed provision, a pending one
// and a commitment.
func fixtureMatrix() mapping.Matrix {
	dk := cells(dataset.Prohibited, "src-de", "Forældreansvarsloven", date("1997"))
	dk[4] = mapping.Cell{Setting: dataset.PenalInstitution, Status: dataset.UnlawfulNotExplicit,
		Provisions: []mapping.ProvisionRef{{ID: "dk-penal", Status: dataset.UnlawfulNotExplicit, Source: "src-de"}}}
	fo := cells(dataset.Unknown, "", "", dataset.Date{})
	for i := range fo {
		fo[i].Provisions = nil
	}
	fo[0] = mapping.Cell{Setting: dataset.Home, Status: dataset.ProhibitedUnidentified,
		Provisions: []mapping.ProvisionRef{{ID: "fo-home", Status: dataset.ProhibitedUnidentified, Source: "src-pl"}}}
	pl := cells(dataset.NotProhibited, "src-pl", "Kodeks "+hostileScript, date("1964"))
	pl[0] = mapping.Cell{Setting: dataset.Home, Status: mapping.Uncertain, Boundary: true,
		Possible: []dataset.Status{dataset.Prohibited, dataset.NotProhibited},
		Provisions: []mapping.ProvisionRef{
			{ID: "pl-home-1964", Status: dataset.NotProhibited, InForce: date("1964"), Until: date("2010"), Instrument: "Kodeks " + hostileAttr, Source: "src-pl"},
			{ID: "pl-home-2010", Status: dataset.Prohibited, InForce: date("2010"), Instrument: "Ustawa " + hostileScript, Source: "src-pl"},
		}}
	pl[3] = mapping.Cell{Setting: dataset.School, Status: dataset.Prohibited,
		Provisions: []mapping.ProvisionRef{{ID: "pl-school", Status: dataset.Prohibited, Unconfirmed: true, Instrument: "Prawo oświatowe", Source: "src-pl"}}}
	pl[5] = mapping.Cell{Setting: dataset.Sentence, Status: dataset.Partial, FromAdopted: true,
		Provisions: []mapping.ProvisionRef{{ID: "pl-sentence", Status: dataset.Partial, Adopted: date("1997-06-06"), Source: "src-pl"}},
		Pending:    []mapping.ProvisionRef{{ID: "pl-sentence-2026", Status: dataset.Prohibited, Adopted: date("2024-11"), InForce: date("2026"), Source: "src-pl"}}}
	dkRow := row("DK", "Denmark", mapping.Committed, dk)
	dkRow.Committed = true
	dkRow.Commitment = &mapping.CommitmentRef{From: date("2020-03"), Source: "src-de"}
	plRow := row("PL", hostileScript, mapping.SomeSettings, pl)
	plRow.CategoryUncertain = true
	return mapping.Matrix{
		AsOf: date("2025-01-01"),
		Rows: []mapping.Row{
			row("DE", "Germany", mapping.AllSettings, cells(dataset.Prohibited, "src-de", "BGB § 1631 "+hostileScript, date("2000-11-08"))),
			dkRow,
			row("FO", hostileAttr, mapping.None, fo),
			plRow,
			row("SE", "Sweden", mapping.AllSettings, cells(dataset.Prohibited, "src-se", "Föräldrabalken "+hostileAttr, date("1979-07-01"))),
		},
		Children: mapping.ChildShare{Protected: 16_100_000, Total: 24_150_000, Percent: 100 * 16_100_000.0 / 24_150_000, Counted: 4, MissingPopulation: []string{"FO"}},
	}
}

// fixtureHistory is the status at the end of 1979 and of 2000 and on
// 2025-01-01. The first date has no child population, so no share.
func fixtureHistory() []mapping.Matrix {
	m := fixtureMatrix()
	at := func(d string, full ...string) mapping.Matrix {
		h := mapping.Matrix{AsOf: date(d)}
		for _, r := range m.Rows {
			r.Category = mapping.SomeSettings
			for _, f := range full {
				if r.Jurisdiction == f {
					r.Category = mapping.AllSettings
				}
			}
			h.Rows = append(h.Rows, r)
		}
		return h
	}
	h1979 := at("1979-12-31", "SE")
	h2000 := at("2000-12-31", "DE", "SE")
	h2000.Children = mapping.ChildShare{Protected: 16_100_000, Total: 24_150_000, Percent: 66.66666, Counted: 4, MissingPopulation: []string{"FO"}}
	// Deliberately out of order: Road sorts by date.
	return []mapping.Matrix{m, h1979, h2000}
}

func fixtureProgress() []mapping.JurisdictionProgress {
	steps := func(levels ...mapping.Level) []mapping.StepResult {
		var out []mapping.StepResult
		for i, s := range mapping.Steps {
			r := mapping.StepResult{Step: s, Level: levels[i], Reason: "reason for " + string(s) + " " + hostileAttr}
			if levels[i] != mapping.Met {
				r.Gap = "gap " + hostileScript
			}
			if levels[i] != mapping.NoData {
				r.Evidence = []mapping.Evidence{{Table: "campaigns", ID: "se-plan-2019", What: "action plan: " + hostileScript, Source: "src-pl"}}
			}
			out = append(out, r)
		}
		return out
	}
	return []mapping.JurisdictionProgress{
		{Jurisdiction: "SE", Name: "Sweden", AsOf: date("2025-01-01"), Category: mapping.AllSettings,
			Steps: steps(mapping.Met, mapping.Met, mapping.Partial, mapping.Met, mapping.NotMet)},
		{Jurisdiction: "PL", Name: hostileScript, AsOf: date("2025-01-01"), Category: mapping.SomeSettings,
			Steps: steps(mapping.Partial, mapping.NoData, mapping.NotMet, mapping.Partial, mapping.NoData)},
		{Jurisdiction: "DE", Name: "Germany", AsOf: date("2025-01-01"), Category: mapping.AllSettings,
			Steps: steps(mapping.Met, mapping.NotMet, mapping.Met, mapping.Met, mapping.Partial)},
	}
}

func fixtureTrends() []mapping.Trend {
	slope := -1.25
	return []mapping.Trend{
		{Jurisdiction: "SE", Series: "se-approval", Indicator: dataset.CPApproval, Respondents: "parents", Population: "parents " + hostileAttr,
			Points: []mapping.Point{
				{Year: 2018, Value: 2.5, SurveyID: "se-2018", Source: "src-survey", Break: true},
				{Year: 1995, Value: 11, SurveyID: "se-1995", Source: "src-survey"},
				{Year: 2000, Value: 8.04, SurveyID: "se-2000", Source: "src-se"},
				{Year: 2022, Value: 1.96, SurveyID: "se-2022", Source: "src-survey"},
			},
			ChangePerYear: &slope, Direction: mapping.Falling, Comparable: 2},
		{Jurisdiction: "PL", Series: "pl-approval", Indicator: dataset.CPApproval, Respondents: "adults",
			Points: []mapping.Point{{Year: 2008, Value: 78, SurveyID: "pl-2008", Source: "src-pl"}}, Direction: mapping.Single},
		{Jurisdiction: "PL", Series: "pl-support", Indicator: dataset.BanSupport, Respondents: "adults",
			Points:    []mapping.Point{{Year: 2010, Value: 30, SurveyID: "pl-2010", Source: "src-pl"}, {Year: 2017, Value: 45.5, SurveyID: "pl-2017", Source: "src-pl"}},
			Direction: mapping.Rising},
	}
}

func fixtureMeasures() []mapping.MeasureCount {
	return []mapping.MeasureCount{
		{Jurisdiction: "SE", Year: 2019, Kind: string(dataset.MeasureActionPlan), Count: 2, IDs: []string{"se-plan-2019", "se-plan-2019b"}},
		{Jurisdiction: "SE", Year: 2019, Kind: string(dataset.MeasureCampaign), Count: 1, IDs: []string{"se-campaign-2019"}},
		{Jurisdiction: "PL", Year: 2020, Kind: mapping.ProgrammeMeasure, Count: 1, IDs: []string{"pl-prog-2020"}},
		{Jurisdiction: "DE", Year: 2021, Kind: string(dataset.MeasureTraining), Count: 1, IDs: []string{"de-training-2021"}},
	}
}

func fixtureInput() Input {
	return Input{
		Meta:     Meta{AsOf: date("2025-01-01"), Group: "CBSS " + hostileAttr, Index: mapping.NewIndex(fixtureDataset())},
		Matrix:   fixtureMatrix(),
		History:  fixtureHistory(),
		Progress: fixtureProgress(),
		Trends:   fixtureTrends(),
		Measures: fixtureMeasures(),
	}
}
