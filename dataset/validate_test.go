package dataset

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The -update flag rewrites the fixture packages under ../testdata. Another
// test file of the package may define the flag first (package variables are
// initialised before init functions run); define it only if none has.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files and fixtures under testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// The fixture packages, shared with the CLI's tests.
const (
	validFixture   = "../testdata/valid"
	invalidFixture = "../testdata/invalid"
)

var validationNow = time.Date(2026, 11, 27, 15, 30, 0, 0, time.UTC)

func validationOpts() ValidateOptions {
	return ValidateOptions{Now: validationNow, MaxVerifiedAge: 3 * 365 * 24 * time.Hour}
}

// validationBase returns a small dataset with every table filled and no
// problem. Its records have no origin, so positions are those of the files
// Save would write with the rows in this order: record i is row i+2.
func validationBase() *Dataset {
	d := MustDate
	return &Dataset{
		Jurisdictions: []Jurisdiction{
			{Code: "DK", Name: "Denmark", Kind: State, ChildPopulation: ptr(1100000), ChildPopulationYear: ptr(2023), ChildPopulationSource: "dst-2023"},
			{Code: "FO", Name: "Faroe Islands", Kind: Territory, Parent: "DK"},
			{Code: "SE", Name: "Sweden", Kind: State},
		},
		Memberships: []Membership{
			{Jurisdiction: "DK", Group: "CBSS", From: d("1992")},
			{Jurisdiction: "SE", Group: "CBSS", From: d("1992")},
		},
		Provisions: []Provision{
			{ID: "dk-home-1997", Jurisdiction: "DK", Setting: Home, Status: Prohibited, Confirmed: ptr(true),
				Adopted: d("1997-06"), InForce: d("1997-07-01"), Instrument: "Parental Responsibility Act",
				Source: "gi-2024", VerifiedOn: d("2026-01-10")},
			{ID: "se-home-1957", Jurisdiction: "SE", Setting: Home, Status: Partial, Confirmed: ptr(true),
				InForce: d("1957"), Until: d("1979-07-01"), Source: "sfs-1979"},
			{ID: "se-home-1979", Jurisdiction: "SE", Setting: Home, Status: Prohibited, Confirmed: ptr(true),
				Adopted: d("1979-03-15"), InForce: d("1979-07-01"), Instrument: "Parenthood and Guardianship Code",
				Provision: "ch. 6 s. 1", Translation: Unofficial, Source: "sfs-1979", VerifiedOn: d("2025-06")},
			{ID: "se-school-1958", Jurisdiction: "SE", Setting: School, Status: Prohibited, InForce: d("1958"), Source: "gi-2024"},
		},
		Commitments: []Commitment{
			{Jurisdiction: "DK", From: d("1995"), Until: d("1997-07"), Source: "gi-2024", Notes: "superseded by the 1997 ban"},
		},
		Campaigns: []Campaign{
			{ID: "bsr-2008", Jurisdictions: []string{"DK", "SE"}, Kind: MeasureCampaign, Name: "Never Violence",
				Start: d("2008"), End: d("2010"), LeadType: "international", Audiences: []string{"parents", "public"},
				Channels: []string{"online", "tv"}, Evaluated: ptr(false), Source: "gi-2024"},
		},
		Programmes: []Programme{
			{ID: "se-komet", Jurisdiction: "SE", Name: "Komet", Model: "Komet", Level: "selective",
				Delivery: []string{"group"}, AgeFrom: ptr(3), AgeTo: ptr(11), Start: d("2000"), Evidence: "rct", Source: "gi-2024"},
		},
		Surveys: []Survey{
			{ID: "se-parents-2011", Jurisdiction: "SE", Series: "se-parents", Indicator: CPUsePastYear, Year: 2011,
				Value: 3, Respondents: "parents", SampleSize: ptr(1000), Source: "gi-2024"},
			{ID: "se-parents-2023", Jurisdiction: "SE", Series: "se-parents", Indicator: CPUsePastYear, Year: 2023,
				Value: 2.5, Respondents: "parents", SampleSize: ptr(1200), Source: "gi-2024"},
		},
		Coverage: []Coverage{
			{Jurisdiction: "DK", Topic: TopicActionPlans, CheckedOn: d("2026-01"), Complete: ptr(true), Source: "gi-2024",
				Notes: "Searched the Global Initiative's report and the ministry's site; none found."},
			{Jurisdiction: "SE", Topic: TopicSurveys, CheckedOn: d("2026-01-10"), Complete: ptr(false),
				Notes: "Only national surveys in Swedish were searched."},
		},
		Sources: []Source{
			{ID: "dst-2023", Title: "Children 0-17", Publisher: "Statistics Denmark", URL: "https://www.dst.dk/",
				Published: d("2023"), Accessed: d("2026-01"), Type: "dataset", Reliability: "primary"},
			{ID: "gi-2024", Title: "Country reports", Publisher: "Global Initiative", URL: "https://endcorporalpunishment.org/",
				Published: d("2024"), Type: "report", Reliability: "secondary"},
			{ID: "sfs-1979", Title: "Föräldrabalken", Type: "legislation", Reliability: "primary"},
		},
	}
}

// found is the part of a problem the tests pin down.
type found struct {
	Pos      string
	Code     string
	Severity Severity
}

func foundOf(ps Problems) []found {
	var out []found
	for _, p := range ps {
		pos := p.Pos
		pos.File = filepath.Base(pos.File)
		out = append(out, found{pos.String(), p.Code, p.Severity})
	}
	return out
}

func TestValidateClean(t *testing.T) {
	ds := validationBase()
	if got := ds.Validate(validationOpts()); len(got) != 0 {
		t.Errorf("Validate of a clean dataset reported:\n%v", got)
	}
}

func TestValidateRules(t *testing.T) {
	d := MustDate
	notProhibitedSchool := func(ds *Dataset) {
		ds.Provisions = append(ds.Provisions, Provision{ID: "dk-school-1990", Jurisdiction: "DK", Setting: School,
			Status: NotProhibited, InForce: d("1990"), Source: "gi-2024"})
	}
	tests := []struct {
		name  string
		plant func(ds *Dataset)
		want  []found
		msg   string // when set, the first problem's message contains it
	}{
		// Cells.
		{"enum", func(ds *Dataset) { ds.Provisions[0].Status = "banned" },
			[]found{{"provisions.csv:2:4", CodeEnum, Error}}, `"banned" is not one of`},
		{"text longer than a cell holds", func(ds *Dataset) { ds.Sources[1].Title = strings.Repeat("x", MaxCellChars+1) },
			[]found{{"sources.csv:3:2", CodeTextLength, Error}}, "title: the text is 32768 characters long; a spreadsheet cell holds at most 32767"},
		{"NUL in a name", func(ds *Dataset) { ds.Sources[1].Title = "Report\x00 2024" },
			[]found{{"sources.csv:3:2", CodeControl, Error}}, "title: control character U+0000 at character 7"},
		{"required", func(ds *Dataset) { ds.Sources[1].Title = "" },
			[]found{{"sources.csv:3:2", CodeRequired, Error}}, "title: a value is required"},
		{"id pattern", func(ds *Dataset) { ds.Provisions[0].ID = "DK home" },
			[]found{{"provisions.csv:2:1", CodePattern, Error}}, ""},
		{"percent range", func(ds *Dataset) { ds.Surveys[0].Value = 120 },
			[]found{{"surveys.csv:2:6", CodeRange, Error}}, "outside 0–100"},
		{"integer range", func(ds *Dataset) { ds.Programmes[0].AgeTo = ptr(18) },
			[]found{{"programmes.csv:2:9", CodeRange, Error}}, ""},
		{"url scheme", func(ds *Dataset) { ds.Sources[0].URL = "ftp://dst.dk/" },
			[]found{{"sources.csv:2:4", CodePattern, Error}}, "not an http or https URL"},
		{"code not ISO 3166-1, not also a foreign key", func(ds *Dataset) { ds.Campaigns[0].Jurisdictions = []string{"DK", "QQ"} },
			[]found{{"campaigns.csv:2:2", CodeISO, Error}}, `"QQ"`},
		{"code pattern", func(ds *Dataset) { ds.Memberships[1].Jurisdiction = "se" },
			[]found{{"memberships.csv:3:1", CodePattern, Error}}, ""},
		{"list unsorted", func(ds *Dataset) { ds.Campaigns[0].Audiences = []string{"public", "parents"} },
			[]found{{"campaigns.csv:2:10", CodePattern, Error}}, "sorted"},
		{"list vocabulary", func(ds *Dataset) { ds.Campaigns[0].Channels = []string{"online", "telegraph"} },
			[]found{{"campaigns.csv:2:11", CodeEnum, Error}}, `"telegraph"`},

		// Keys and references.
		{"duplicate id", func(ds *Dataset) { ds.Provisions[3].ID = "se-home-1979" },
			[]found{{"provisions.csv:5:1", CodePrimaryKey, Error}}, "first used at provisions.csv:4:1"},
		{"duplicate composite key", func(ds *Dataset) { ds.Memberships[1].Jurisdiction = "DK" },
			[]found{{"memberships.csv:3:1", CodePrimaryKey, Error}}, "(jurisdiction, group, from) = (DK, CBSS, 1992)"},
		{"unknown jurisdiction", func(ds *Dataset) { ds.Provisions[0].Jurisdiction = "NO" },
			[]found{{"provisions.csv:2:2", CodeForeignKey, Error}}, `"NO" not found in jurisdictions.csv`},
		{"unknown source", func(ds *Dataset) { ds.Surveys[1].Source = "nowhere" },
			[]found{{"surveys.csv:3:13", CodeForeignKey, Error}}, `"nowhere" not found in sources.csv`},
		{"unknown campaign jurisdiction", func(ds *Dataset) { ds.Campaigns[0].Jurisdictions = []string{"DK", "FI", "LT", "SE"} },
			[]found{{"campaigns.csv:2:2", CodeForeignKey, Error}}, `"FI", "LT" not found`},
		{"unknown parent", func(ds *Dataset) { ds.Jurisdictions[1].Parent = "NO" },
			[]found{{"jurisdictions.csv:3:4", CodeForeignKey, Error}}, ""},
		{"unknown child population source", func(ds *Dataset) { ds.Jurisdictions[0].ChildPopulationSource = "dst-2024" },
			[]found{{"jurisdictions.csv:2:7", CodeForeignKey, Error}, {"sources.csv:2:1", CodeUnusedSource, Warning}}, ""},

		// Within a record.
		{"in_force before adopted", func(ds *Dataset) { ds.Provisions[0].InForce = d("1997-05") },
			[]found{{"provisions.csv:2:7", CodeDateOrder, Error}}, "in_force 1997-05 is before adopted 1997-06"},
		{"in_force year may contain adopted", func(ds *Dataset) { ds.Provisions[0].InForce = d("1997") }, nil, ""},
		{"until before in_force", func(ds *Dataset) { ds.Provisions[1].Until = d("1956") },
			[]found{{"provisions.csv:3:8", CodeDateOrder, Error}}, "until 1956 is before in_force 1957"},
		{"until before adopted", func(ds *Dataset) {
			ds.Provisions[3].InForce, ds.Provisions[3].Adopted, ds.Provisions[3].Until = Date{}, d("1958"), d("1950")
		}, []found{{"provisions.csv:5:8", CodeDateOrder, Error}}, "before adopted 1958"},
		{"membership until before from", func(ds *Dataset) { ds.Memberships[0].Until = d("1990") },
			[]found{{"memberships.csv:2:4", CodeDateOrder, Error}}, ""},
		{"commitment until before from", func(ds *Dataset) { ds.Commitments[0].Until = d("1994") },
			[]found{{"commitments.csv:2:3", CodeDateOrder, Error}}, ""},
		{"campaign end before start", func(ds *Dataset) { ds.Campaigns[0].End = d("2007-12") },
			[]found{{"campaigns.csv:2:7", CodeDateOrder, Error}}, ""},
		{"programme end before start", func(ds *Dataset) { ds.Programmes[0].End = d("1999") },
			[]found{{"programmes.csv:2:11", CodeDateOrder, Error}}, ""},
		{"end in the start's year", func(ds *Dataset) { ds.Programmes[0].End = d("2000-03") }, nil, ""},
		{"age_to below age_from", func(ds *Dataset) { ds.Programmes[0].AgeTo = ptr(2) },
			[]found{{"programmes.csv:2:9", CodeAgeOrder, Error}}, "age_to 2 is below age_from 3"},
		{"territory without parent", func(ds *Dataset) { ds.Jurisdictions[1].Parent = "" },
			[]found{{"jurisdictions.csv:3:4", CodeParent, Error}}, ""},
		{"state with parent", func(ds *Dataset) { ds.Jurisdictions[2].Parent = "DK" },
			[]found{{"jurisdictions.csv:4:4", CodeParent, Error}}, ""},
		{"parent is a territory", func(ds *Dataset) {
			ds.Jurisdictions = append(ds.Jurisdictions, Jurisdiction{Code: "GL", Name: "Greenland", Kind: Territory, Parent: "FO"})
		}, []found{{"jurisdictions.csv:5:4", CodeParent, Error}}, "FO is itself a territory"},
		{"child population without year", func(ds *Dataset) { ds.Jurisdictions[0].ChildPopulationYear = nil },
			[]found{{"jurisdictions.csv:2:6", CodeRequired, Error}}, ""},
		{"child population year alone", func(ds *Dataset) { ds.Jurisdictions[2].ChildPopulationYear = ptr(2023) },
			[]found{{"jurisdictions.csv:4:5", CodeRequired, Error}, {"jurisdictions.csv:4:7", CodeRequired, Error}}, ""},

		// Timelines.
		{"overlap with an open period", func(ds *Dataset) { ds.Provisions[1].Until = Date{} },
			[]found{{"provisions.csv:4:7", CodeOverlap, Error}}, "overlaps se-home-1957 (in_force 1957, no until) at provisions.csv:3:7"},
		{"until's last day after the next start", func(ds *Dataset) { ds.Provisions[1].Until = d("1979") },
			[]found{{"provisions.csv:4:7", CodeOverlap, Error}}, ""},
		{"handover within one year", func(ds *Dataset) {
			ds.Provisions[1].Until, ds.Provisions[2].InForce = d("1979"), d("1979")
		}, nil, ""},
		{"overlap by adopted", func(ds *Dataset) {
			ds.Provisions = append(ds.Provisions, Provision{ID: "se-school-1962", Jurisdiction: "SE", Setting: School,
				Status: Prohibited, Adopted: d("1962"), Source: "gi-2024"})
		}, []found{{"provisions.csv:6:6", CodeOverlap, Error}}, ""},
		{"row without a start in a timeline", func(ds *Dataset) {
			ds.Provisions[2].InForce, ds.Provisions[2].Adopted = Date{}, Date{}
		}, []found{{"provisions.csv:4:7", CodeOverlap, Error}}, "cannot be placed"},
		{"lone row without a start", func(ds *Dataset) { ds.Provisions[3].InForce = Date{} }, nil, ""},
		{"ordered by start, not by row", func(ds *Dataset) { ds.Provisions[1].Jurisdiction, ds.Provisions[1].Until = "DK", Date{} },
			[]found{{"provisions.csv:2:7", CodeOverlap, Error}}, "DK home: this period (in_force 1997-07-01, no until) overlaps se-home-1957"},

		// Series.
		{"series mixes indicators", func(ds *Dataset) { ds.Surveys[1].Indicator = BanSupport },
			[]found{{"surveys.csv:3:4", CodeSeries, Error}}, "ban_support here, cp_use_past_year at surveys.csv:2:4"},
		{"series mixes respondents", func(ds *Dataset) { ds.Surveys[1].Respondents = "children" },
			[]found{{"surveys.csv:3:7", CodeSeries, Error}}, ""},
		{"series spans jurisdictions", func(ds *Dataset) { ds.Surveys[1].Jurisdiction = "DK" },
			[]found{{"surveys.csv:3:2", CodeSeries, Error}}, "spans jurisdictions"},
		{"no series", func(ds *Dataset) {
			ds.Surveys[0].Series, ds.Surveys[1].Series, ds.Surveys[1].Indicator = "", "", BanSupport
		}, nil, ""},

		// Commitments.
		{"commitment ended while a setting is lawful", notProhibitedSchool,
			[]found{{"commitments.csv:2:3", CodeCommitment, Error}}, "school (dk-school-1990) is still not_prohibited"},
		{"revoked commitment", func(ds *Dataset) {
			notProhibitedSchool(ds)
			ds.Commitments[0].Notes = "Revoked by the new government"
		}, nil, ""},
		{"current commitment", func(ds *Dataset) {
			notProhibitedSchool(ds)
			ds.Commitments[0].Until = Date{}
		}, nil, ""},
		{"lawful setting ended by then", func(ds *Dataset) {
			notProhibitedSchool(ds)
			ds.Provisions[4].Until = d("1997-07")
		}, nil, ""},

		// The future.
		{"published in the future", func(ds *Dataset) { ds.Sources[1].Published = d("2027-01") },
			[]found{{"sources.csv:3:5", CodeFuture, Error}}, "published 2027-01 is after today (2026-11-27)"},
		{"adopted in the future", func(ds *Dataset) {
			ds.Provisions[0].Adopted, ds.Provisions[0].InForce = d("2026-12"), d("2027-01")
		}, []found{{"provisions.csv:2:6", CodeFuture, Error}, {"provisions.csv:2:7", CodeFuture, Error}}, ""},
		{"adopted law in force later", func(ds *Dataset) {
			ds.Provisions[0].Adopted, ds.Provisions[0].InForce = d("2026-06"), d("2027-01-01")
		}, []found{{"provisions.csv:2:7", CodeFuture, Warning}}, "takes effect later"},
		{"campaign start in the future", func(ds *Dataset) { ds.Campaigns[0].Start, ds.Campaigns[0].End = d("2027"), Date{} },
			[]found{{"campaigns.csv:2:6", CodeFuture, Error}}, ""},
		{"campaign end in the future", func(ds *Dataset) { ds.Campaigns[0].End = d("2030") }, nil, ""},
		{"survey year in the future", func(ds *Dataset) { ds.Surveys[1].Year = 2027 },
			[]found{{"surveys.csv:3:5", CodeFuture, Error}}, ""},
		{"verified tomorrow", func(ds *Dataset) { ds.Provisions[0].VerifiedOn = d("2026-11-28") },
			[]found{{"provisions.csv:2:14", CodeFuture, Error}}, ""},
		{"verified today", func(ds *Dataset) { ds.Provisions[0].VerifiedOn = d("2026-11-27") }, nil, ""},

		// Warnings.
		{"unused source", func(ds *Dataset) {
			ds.Sources = append(ds.Sources, Source{ID: "old-2001", Title: "Leaflet", Type: "report"})
		}, []found{{"sources.csv:5:1", CodeUnusedSource, Warning}}, `"old-2001"`},
		{"source cited in a note", func(ds *Dataset) {
			ds.Sources = append(ds.Sources, Source{ID: "old-2001", Title: "Leaflet", Type: "report"})
			ds.Memberships[0].Note = "founding date per a leaflet (source: old-2001)"
		}, nil, ""},
		{"source cited in a note with a remark", func(ds *Dataset) {
			ds.Sources = append(ds.Sources, Source{ID: "old-2001", Title: "Leaflet", Type: "report"})
			ds.Provisions[0].Notes = "in force 1 July (source: old-2001; weak)"
		}, nil, ""},
		{"note cites an unknown source", func(ds *Dataset) {
			ds.Provisions[0].Notes = "a weaker source gives 1 July (source: no-such-page)"
		}, []found{{"provisions.csv:2:15", CodeForeignKey, Error}}, `"no-such-page"`},
		{"stale verification", func(ds *Dataset) { ds.Provisions[2].VerifiedOn = d("2023-10") },
			[]found{{"provisions.csv:4:14", CodeStale, Warning}}, "more than 1095 days before today"},
		{"verification within the age", func(ds *Dataset) { ds.Provisions[2].VerifiedOn = d("2023-12") }, nil, ""},

		// Positions from the record's origin.
		{"origin in a workbook", func(ds *Dataset) {
			ds.Provisions[0].Status = "banned"
			ds.Provisions[0].Origin = Origin{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14, Cols: map[string]int{"status": 4}}
		}, []found{{"laws.xlsx:'Legal reforms'!D14", CodeEnum, Error}}, ""},
		{"origin without the column", func(ds *Dataset) {
			ds.Provisions[0].Status = "banned"
			ds.Provisions[0].Origin = Origin{File: "poland.csv", Row: 9, Cols: map[string]int{}}
		}, []found{{"poland.csv:9", CodeEnum, Error}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := validationBase()
			tt.plant(ds)
			got := ds.Validate(validationOpts())
			if diff := cmp.Diff(tt.want, foundOf(got)); diff != "" {
				t.Errorf("Validate (-want +got):\n%s\nproblems:\n%v", diff, got)
			}
			for _, p := range got {
				if p.Table == "" || p.Field == "" {
					t.Errorf("problem %v: table %q, field %q; want both set", p, p.Table, p.Field)
				}
			}
			if tt.msg != "" && len(got) > 0 && !strings.Contains(got[0].Message, tt.msg) {
				t.Errorf("message %q does not contain %q", got[0].Message, tt.msg)
			}
		})
	}
}

func TestValidateOptionsOff(t *testing.T) {
	ds := validationBase()
	ds.Sources[1].Published = MustDate("2099")
	ds.Provisions[2].VerifiedOn = MustDate("1999")
	tests := []struct {
		name string
		opt  ValidateOptions
		want []found
	}{
		{"both", validationOpts(), []found{{"provisions.csv:4:14", CodeStale, Warning}, {"sources.csv:3:5", CodeFuture, Error}}},
		{"no max age", ValidateOptions{Now: validationNow}, []found{{"sources.csv:3:5", CodeFuture, Error}}},
		{"no clock", ValidateOptions{MaxVerifiedAge: time.Hour}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ds.Validate(tt.opt)
			if diff := cmp.Diff(tt.want, foundOf(got)); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateSorted(t *testing.T) {
	ds := validationBase()
	ds.Sources[0].URL = "ftp://x"              // sources.csv:2:4
	ds.Programmes[0].AgeTo = ptr(1)            // programmes.csv:2:9
	ds.Provisions[0].Status = "banned"         // provisions.csv:2:4
	ds.Campaigns[0].Channels = []string{"fax"} // campaigns.csv:2:11
	got := foundOf(ds.Validate(validationOpts()))
	want := []found{
		{"campaigns.csv:2:11", CodeEnum, Error},
		{"programmes.csv:2:9", CodeAgeOrder, Error},
		{"provisions.csv:2:4", CodeEnum, Error},
		{"sources.csv:2:4", CodePattern, Error},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}

func TestMerge(t *testing.T) {
	at := func(row, col int) Pos { return Pos{File: "p.csv", Row: row, Col: col} }
	load := Problems{
		{Code: CodeType, Severity: Error, Pos: at(3, 2), Message: "bad date"},
		{Code: CodeHeader, Severity: Error, Pos: Pos{File: "p.csv"}, Message: "header"},
		{Code: CodeRagged, Severity: Error, Pos: at(7, 0), Message: "ragged"},
		{Code: CodeStale, Severity: Warning, Pos: at(5, 1), Message: "old"},
	}
	more := Problems{
		{Code: CodeRequired, Severity: Error, Pos: at(3, 2), Message: "missing"},      // same cell: dropped
		{Code: CodeOverlap, Severity: Error, Pos: at(3, 3), Message: "overlap"},       // next cell: kept
		{Code: CodeUnusedSource, Severity: Warning, Pos: at(5, 1), Message: "unused"}, // first has only a warning there: kept
		{Code: CodeFile, Severity: Error, Pos: Pos{File: "p.csv"}, Message: "file"},   // not a cell: kept
		{Code: CodeParent, Severity: Error, Pos: at(7, 0), Message: "row"},            // not a cell: kept
		{Code: CodeEnum, Severity: Error, Pos: at(2, 2), Message: "enum"},
	}
	loadBefore, moreBefore := append(Problems(nil), load...), append(Problems(nil), more...)
	got := load.Merge(more)
	want := []string{
		"p.csv: error file-error: file",
		"p.csv: error header-error: header",
		"p.csv:2:2: error enum-error: enum",
		"p.csv:3:2: error type-error: bad date",
		"p.csv:3:3: error overlap-error: overlap",
		"p.csv:5:1: warning stale-verification: old",
		"p.csv:5:1: warning unused-source: unused",
		"p.csv:7: error parent-error: row",
		"p.csv:7: error ragged-row-error: ragged",
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("Merge (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(loadBefore, load); diff != "" {
		t.Errorf("Merge modified its receiver (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(moreBefore, more); diff != "" {
		t.Errorf("Merge modified its argument (-before +after):\n%s", diff)
	}
}

// TestValidateFixtureInvalid loads the package with planted errors, as the
// validate command does, and checks every problem found.
func TestValidateFixtureInvalid(t *testing.T) {
	if updating() {
		writeDescriptor(t, invalidFixture)
	}
	checkDescriptor(t, invalidFixture)
	ds, loadPs, err := Load(invalidFixture)
	if err != nil {
		t.Fatal(err)
	}
	got := loadPs.Merge(ds.Validate(validationOpts()))
	want := []found{
		{"campaigns.csv:3:1", CodePrimaryKey, Error},
		{"commitments.csv:2:3", CodeCommitment, Error},
		{"coverage.csv:2:2", CodeEnum, Error},     // topic "laws"
		{"coverage.csv:3:4", CodeRequired, Error}, // complete left empty
		{"jurisdictions.csv:3:4", CodeParent, Error},
		{"jurisdictions.csv:4:1", CodeISO, Error},
		{"jurisdictions.csv:5:5", CodeType, Error},     // "1eight"; Validate's required-error here is merged away
		{"jurisdictions.csv:5:7", CodeRequired, Error}, // child_population_source with child_population_year
		{"memberships.csv:3:4", CodeDateOrder, Error},
		{"programmes.csv:2:9", CodeAgeOrder, Error},
		{"provisions.csv:4:6", CodeFuture, Error},
		{"provisions.csv:6:6", CodeOverlap, Error}, // in_force unreadable: placed by adopted
		{"provisions.csv:6:7", CodeType, Error},
		{"provisions.csv:7:5", CodeType, Error},
		{"provisions.csv:7:7", CodeDateOrder, Error},
		{"provisions.csv:7:13", CodeForeignKey, Error},
		{"provisions.csv:7:14", CodeStale, Warning},
		{"sources.csv:4:1", CodeUnusedSource, Warning},
		{"sources.csv:5:4", CodePattern, Error}, // reported by Load and Validate, once
		{"surveys.csv:3:4", CodeSeries, Error},
		{"surveys.csv:3:6", CodeRange, Error}, // reported by Load and Validate, once
	}
	if diff := cmp.Diff(want, foundOf(got)); diff != "" {
		t.Errorf("Load+Validate of %s (-want +got):\n%s\nproblems:\n%v", invalidFixture, diff, got)
	}
	for _, p := range got {
		if dir := filepath.Dir(p.Pos.File); dir != invalidFixture {
			t.Errorf("%v: file %q is not in %s", p, p.Pos.File, invalidFixture)
		}
	}
}

// TestValidateFixtureValid checks that the clean package is validationBase as
// Save writes it, and that it loads and validates without a problem.
func TestValidateFixtureValid(t *testing.T) {
	if updating() {
		if err := Save(validFixture, validationBase()); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Encode(validationBase())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(validFixture, name))
		if err != nil {
			t.Errorf("%v (run go test ./dataset -update)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s/%s is out of date (run go test ./dataset -update):\n%s", validFixture, name, cmp.Diff(string(want), string(got)))
		}
	}
	ds, ps, err := Load(validFixture)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Errorf("Load: %v", ps)
	}
	if got := ds.Validate(validationOpts()); len(got) > 0 {
		t.Errorf("Validate: %v", got)
	}
}

func writeDescriptor(t *testing.T, dir string) {
	t.Helper()
	b, err := Descriptor(PackageInfo{})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, DescriptorFile), b); err != nil {
		t.Fatal(err)
	}
}

func checkDescriptor(t *testing.T, dir string) {
	t.Helper()
	want, err := Descriptor(PackageInfo{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, DescriptorFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s/%s is not what Descriptor writes (run go test ./dataset -update)", dir, DescriptorFile)
	}
}
