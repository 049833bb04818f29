package divergence

import (
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// cols maps every field of a table to its column in the data package's
// order, the way a sheet laid out like the template has them.
func cols(table string) map[string]int {
	m := map[string]int{}
	for j, f := range dataset.TableByName(table).Fields {
		m[f.Name] = j + 1
	}
	return m
}

func bptr(b bool) *bool { return &b }

// codings returns coder A's coding (a Polish workbook, a.xlsx) and coder
// B's (a CSV, b.csv) of the same jurisdictions, with known divergences:
//
//	provisions PL home: confirmed true / blank; in_force 2010-08-01 / 2010 (precision)
//	provisions PL school: status prohibited / partial
//	provisions SE home: A has a timeline of two rows, B one, paired with
//	  the row it overlaps most: in_force 1979-07-01 / 1979 (precision);
//	  A's earlier row is A's alone
//	provisions PL penal_institution: A's alone; PL day_care: B's alone
//	sources by URL (scheme, www and slash differ): type legislation / website
//	sources by title (case and punctuation differ): url blank / given
//	surveys (A has a series, B none): value 11 / 12
//	campaigns (name with and without accents): start 2008 / 2008-04
//	  (precision), audiences parents;public / parents
func codings() (a, b *dataset.Dataset) {
	oa := func(table string, row int) dataset.Origin {
		return dataset.Origin{File: "a.xlsx", Sheet: "Przepisy", Row: row, Cols: cols(table)}
	}
	ob := func(table string, row int) dataset.Origin {
		return dataset.Origin{File: "b.csv", Row: row, Cols: cols(table)}
	}
	a = &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "PL", Name: "Poland", Kind: dataset.State, Origin: oa("jurisdictions", 2)},
			{Code: "SE", Name: "Sweden", Kind: dataset.State, Origin: oa("jurisdictions", 3)},
		},
		Provisions: []dataset.Provision{
			{ID: "pl-home-2010", Jurisdiction: "PL", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: bptr(true),
				Adopted: dataset.MustDate("2010-05-06"), InForce: dataset.MustDate("2010-08-01"), Instrument: "Kodeks rodzinny", Source: "isap", Origin: oa("provisions", 4)},
			{ID: "pl-school-1996", Jurisdiction: "PL", Setting: dataset.School, Status: dataset.Prohibited, Adopted: dataset.MustDate("1996"), Source: "isap", Origin: oa("provisions", 5)},
			{ID: "pl-penal-institution", Jurisdiction: "PL", Setting: dataset.PenalInstitution, Status: dataset.NotProhibited, Source: "isap", Origin: oa("provisions", 6)},
			{ID: "se-home", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.NotProhibited, Until: dataset.MustDate("1979-06-30"), Source: "isap", Origin: oa("provisions", 7)},
			{ID: "se-home-1979", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.Prohibited, InForce: dataset.MustDate("1979-07-01"), Source: "isap", Origin: oa("provisions", 8)},
		},
		Campaigns: []dataset.Campaign{
			{ID: "pl-kocham-2008", Jurisdictions: []string{"PL"}, Kind: dataset.MeasureCampaign, Name: "Kocham, nie biję", Start: dataset.MustDate("2008"),
				Audiences: []string{"parents", "public"}, Source: "rpd", Origin: oa("campaigns", 2)},
		},
		Surveys: []dataset.Survey{
			{ID: "se-approval-2010", Jurisdiction: "SE", Series: "se-approval", Indicator: dataset.CPApproval, Year: 2010, Value: 11,
				Respondents: "parents", Source: "rpd", Origin: oa("surveys", 2)},
		},
		Sources: []dataset.Source{
			{ID: "isap", Title: "ISAP", URL: "https://www.isap.sejm.gov.pl/x/", Type: "legislation", Origin: oa("sources", 2)},
			{ID: "rpd", Title: "Raport RPD 2019", Type: "report", Origin: oa("sources", 3)},
		},
	}
	b = &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "PL", Name: "Poland", Kind: dataset.State, Origin: ob("jurisdictions", 2)},
			{Code: "SE", Name: "Sweden", Kind: dataset.State, Origin: ob("jurisdictions", 3)},
		},
		Provisions: []dataset.Provision{
			{ID: "p1", Jurisdiction: "PL", Setting: dataset.Home, Status: dataset.Prohibited,
				Adopted: dataset.MustDate("2010-05-06"), InForce: dataset.MustDate("2010"), Instrument: "Family and Guardianship Code", Source: "s1", Origin: ob("provisions", 2)},
			{ID: "p2", Jurisdiction: "PL", Setting: dataset.School, Status: dataset.Partial, Adopted: dataset.MustDate("1996"), Source: "s1", Origin: ob("provisions", 3)},
			{ID: "p3", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.Prohibited, InForce: dataset.MustDate("1979"), Source: "s1", Origin: ob("provisions", 4)},
			{ID: "p4", Jurisdiction: "PL", Setting: dataset.DayCare, Status: dataset.Unknown, Source: "s1", Origin: ob("provisions", 5)},
		},
		Campaigns: []dataset.Campaign{
			{ID: "c1", Jurisdictions: []string{"PL"}, Kind: dataset.MeasureCampaign, Name: "kocham nie bije", Start: dataset.MustDate("2008-04"),
				Audiences: []string{"parents"}, Source: "s2", Origin: ob("campaigns", 2)},
		},
		Surveys: []dataset.Survey{
			{ID: "x", Jurisdiction: "SE", Indicator: dataset.CPApproval, Year: 2010, Value: 12, Respondents: "parents", Source: "s2", Origin: ob("surveys", 2)},
		},
		Sources: []dataset.Source{
			{ID: "s1", Title: "isap", URL: "http://isap.sejm.gov.pl/x", Type: "website", Origin: ob("sources", 2)},
			{ID: "s2", Title: "raport rpd, 2019", URL: "https://rpd.gov.pl/raport", Type: "report", Origin: ob("sources", 3)},
		},
	}
	return a, b
}

func TestCompare(t *testing.T) {
	a, b := codings()
	got := Compare(a, b)

	pa := func(table string, row int, field string) dataset.Pos {
		return dataset.Pos{File: "a.xlsx", Sheet: "Przepisy", Row: row, Col: cols(table)[field]}
	}
	pb := func(table string, row int, field string) dataset.Pos {
		return dataset.Pos{File: "b.csv", Row: row, Col: cols(table)[field]}
	}
	wantDivergences := []Answer{
		{Table: "provisions", Key: "jurisdiction=PL,setting=home,period=2010-08-01/..", Field: "confirmed", Kind: KindBlank,
			A: "true", B: "", APos: pa("provisions", 4, "confirmed"), BPos: pb("provisions", 2, "confirmed")},
		{Table: "provisions", Key: "jurisdiction=PL,setting=home,period=2010-08-01/..", Field: "in_force", Kind: KindPrecision,
			A: "2010-08-01", B: "2010", APos: pa("provisions", 4, "in_force"), BPos: pb("provisions", 2, "in_force")},
		{Table: "provisions", Key: "jurisdiction=PL,setting=school,period=1996/..", Field: "status", Kind: KindValue,
			A: "prohibited", B: "partial", APos: pa("provisions", 5, "status"), BPos: pb("provisions", 3, "status")},
		{Table: "provisions", Key: "jurisdiction=SE,setting=home,period=1979-07-01/..", Field: "in_force", Kind: KindPrecision,
			A: "1979-07-01", B: "1979", APos: pa("provisions", 8, "in_force"), BPos: pb("provisions", 4, "in_force")},
		{Table: "campaigns", Key: "jurisdictions=PL,name=kocham nie bije", Field: "start", Kind: KindPrecision,
			A: "2008", B: "2008-04", APos: pa("campaigns", 2, "start"), BPos: pb("campaigns", 2, "start")},
		{Table: "campaigns", Key: "jurisdictions=PL,name=kocham nie bije", Field: "audiences", Kind: KindValue,
			A: "parents;public", B: "parents", APos: pa("campaigns", 2, "audiences"), BPos: pb("campaigns", 2, "audiences")},
		{Table: "surveys", Key: "jurisdiction=SE,indicator=cp_approval,year=2010,respondents=parents", Field: "value", Kind: KindValue,
			A: "11", B: "12", APos: pa("surveys", 2, "value"), BPos: pb("surveys", 2, "value")},
		{Table: "sources", Key: "title=raport rpd 2019", Field: "url", Kind: KindBlank,
			A: "", B: "https://rpd.gov.pl/raport", APos: pa("sources", 3, "url"), BPos: pb("sources", 3, "url")},
		{Table: "sources", Key: "url=isap.sejm.gov.pl/x", Field: "type", Kind: KindValue,
			A: "legislation", B: "website", APos: pa("sources", 2, "type"), BPos: pb("sources", 2, "type")},
	}
	if diff := cmp.Diff(wantDivergences, got.Divergences); diff != "" {
		t.Errorf("divergences (-want +got):\n%s", diff)
	}
	wantOnlyA := []OneSided{
		{Table: "provisions", Key: "jurisdiction=PL,setting=penal_institution,period=../..", Pos: dataset.Pos{File: "a.xlsx", Sheet: "Przepisy", Row: 6}, Answers: 1},
		{Table: "provisions", Key: "jurisdiction=SE,setting=home,period=../1979-06-30", Pos: dataset.Pos{File: "a.xlsx", Sheet: "Przepisy", Row: 7}, Answers: 2},
	}
	if diff := cmp.Diff(wantOnlyA, got.OnlyA); diff != "" {
		t.Errorf("only A (-want +got):\n%s", diff)
	}
	wantOnlyB := []OneSided{
		{Table: "provisions", Key: "jurisdiction=PL,setting=day_care,period=../..", Pos: dataset.Pos{File: "b.csv", Row: 5}, Answers: 1},
	}
	if diff := cmp.Diff(wantOnlyB, got.OnlyB); diff != "" {
		t.Errorf("only B (-want +got):\n%s", diff)
	}

	// Counted by hand from the codings' comment:
	// provisions: PL home 4 coded (status, confirmed, adopted, in_force),
	// 2 divergent, 1 precision; PL school 2 coded (status, adopted), 1
	// divergent; SE home 2 coded, 1 divergent, 1 precision; one-sided PL
	// penal 1, SE home until 2, PL day care 1.
	provisions := Count{Coded: 12, Divergent: 8, Precision: 2, OneSided: 4}
	campaigns := Count{Coded: 3, Divergent: 2, Precision: 1} // kind, start, audiences
	surveys := Count{Coded: 1, Divergent: 1}                 // value
	sources := Count{Coded: 3, Divergent: 2}                 // type; url, type
	jurisdictions := Count{Coded: 2}                         // kind twice
	wantTables := []Group{
		{"jurisdictions", jurisdictions}, {"provisions", provisions}, {"campaigns", campaigns},
		{"surveys", surveys}, {"sources", sources},
	}
	if diff := cmp.Diff(wantTables, got.Tables); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	wantTotal := Count{Coded: 21, Divergent: 13, Precision: 3, OneSided: 4}
	if diff := cmp.Diff(wantTotal, got.Total); diff != "" {
		t.Errorf("total (-want +got):\n%s", diff)
	}
	wantJurisdictions := []Group{
		{"PL", Count{Coded: 12, Divergent: 7, Precision: 2, OneSided: 2}},
		{"SE", Count{Coded: 6, Divergent: 4, Precision: 1, OneSided: 2}},
	}
	if diff := cmp.Diff(wantJurisdictions, got.Jurisdictions); diff != "" {
		t.Errorf("jurisdictions (-want +got):\n%s", diff)
	}
	wantFields := map[string]Count{
		"jurisdictions.kind":   {Coded: 2},
		"provisions.status":    {Coded: 6, Divergent: 4, OneSided: 3},
		"provisions.confirmed": {Coded: 1, Divergent: 1},
		"provisions.adopted":   {Coded: 2},
		"provisions.in_force":  {Coded: 2, Divergent: 2, Precision: 2},
		"provisions.until":     {Coded: 1, Divergent: 1, OneSided: 1},
		"campaigns.kind":       {Coded: 1},
		"campaigns.start":      {Coded: 1, Divergent: 1, Precision: 1},
		"campaigns.audiences":  {Coded: 1, Divergent: 1},
		"surveys.value":        {Coded: 1, Divergent: 1},
		"sources.url":          {Coded: 1, Divergent: 1},
		"sources.type":         {Coded: 2, Divergent: 1},
	}
	gotFields := map[string]Count{}
	for _, g := range got.Fields {
		gotFields[g.Name] = g.Count
	}
	if diff := cmp.Diff(wantFields, gotFields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if want := 2 + 3 + 1 + 1 + 2; got.Matched != want { // jurisdictions, provisions, campaigns, surveys, sources
		t.Errorf("matched %d records, want %d", got.Matched, want)
	}
}

// TestCompareAgreement: identical codings have no divergence, and
// a coding compared with itself pairs every record.
func TestCompareAgreement(t *testing.T) {
	a, _ := codings()
	got := Compare(a, a)
	if len(got.Divergences) != 0 || len(got.OnlyA) != 0 || len(got.OnlyB) != 0 {
		t.Errorf("a coding differs from itself: %+v", got)
	}
	if got.Total.Coded == 0 || got.Total.Divergent != 0 {
		t.Errorf("total = %+v, want coded answers and none divergent", got.Total)
	}
	if want := 2 + 5 + 1 + 1 + 2; got.Matched != want {
		t.Errorf("matched %d records, want %d", got.Matched, want)
	}
	if got := Compare(nil, nil); got.Total != (Count{}) || got.Matched != 0 {
		t.Errorf("two empty codings: %+v", got)
	}
}

// TestComparePairing: how records without a common id are paired.
func TestComparePairing(t *testing.T) {
	tests := []struct {
		name        string
		a, b        *dataset.Dataset
		wantMatched int
		wantKeys    []string // keys of the divergences
		wantOnly    int      // records of either side left unpaired
	}{
		{
			name:     "surveys with different series are different surveys",
			a:        &dataset.Dataset{Surveys: []dataset.Survey{{ID: "a", Jurisdiction: "SE", Series: "s1", Indicator: dataset.CPApproval, Year: 2010, Value: 1, Respondents: "adults"}}},
			b:        &dataset.Dataset{Surveys: []dataset.Survey{{ID: "b", Jurisdiction: "SE", Series: "s2", Indicator: dataset.CPApproval, Year: 2010, Value: 2, Respondents: "adults"}}},
			wantOnly: 2,
		},
		{
			name: "surveys with the same series pair by it",
			a: &dataset.Dataset{Surveys: []dataset.Survey{
				{ID: "a1", Jurisdiction: "SE", Series: "s1", Indicator: dataset.CPApproval, Year: 2010, Value: 1, Respondents: "adults"},
				{ID: "a2", Jurisdiction: "SE", Series: "s2", Indicator: dataset.CPApproval, Year: 2010, Value: 5, Respondents: "adults"},
			}},
			b: &dataset.Dataset{Surveys: []dataset.Survey{
				{ID: "b2", Jurisdiction: "SE", Series: "s2", Indicator: dataset.CPApproval, Year: 2010, Value: 6, Respondents: "adults"},
				{ID: "b1", Jurisdiction: "SE", Series: "s1", Indicator: dataset.CPApproval, Year: 2010, Value: 1, Respondents: "adults"},
			}},
			wantMatched: 2,
			wantKeys:    []string{"jurisdiction=SE,indicator=cp_approval,year=2010,respondents=adults,series=s2"},
		},
		{
			name:        "a membership group is compared folded",
			a:           &dataset.Dataset{Memberships: []dataset.Membership{{Jurisdiction: "RU", Group: "Baltic, Council", From: dataset.MustDate("1992"), Until: dataset.MustDate("2022-05-17")}}},
			b:           &dataset.Dataset{Memberships: []dataset.Membership{{Jurisdiction: "RU", Group: "BALTIC COUNCIL", From: dataset.MustDate("1992-03-05")}}},
			wantMatched: 1,
			wantKeys: []string{
				`jurisdiction=RU,group=baltic council,period=1992-03-05/2022-05-17`,
				`jurisdiction=RU,group=baltic council,period=1992-03-05/2022-05-17`,
			},
		},
		{
			name:        "a key quotes a comma",
			a:           &dataset.Dataset{Sources: []dataset.Source{{ID: "a", Title: "A", URL: "https://x.org/a,b", Type: "report"}}},
			b:           &dataset.Dataset{Sources: []dataset.Source{{ID: "b", Title: "B", URL: "https://x.org/a,b/", Type: "website"}}},
			wantMatched: 1,
			wantKeys:    []string{`"url=x.org/a,b"`},
		},
		{
			name: "a timeline row pairs with the row it overlaps most",
			a: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2010"), Until: dataset.MustDate("2016"), Source: "s"},
				{Jurisdiction: "LT", From: dataset.MustDate("2017"), Source: "s"},
			}},
			b: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2017-02-14"), Source: "s"},
				{Jurisdiction: "LT", From: dataset.MustDate("2011"), Until: dataset.MustDate("2016"), Source: "s"},
			}},
			wantMatched: 2,
			wantKeys: []string{
				"jurisdiction=LT,period=2011/2016",
				"jurisdiction=LT,period=2017-02-14/..",
			},
		},
		{
			name: "timeline rows that share no day stay apart",
			a: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2010"), Until: dataset.MustDate("2012"), Source: "s"},
				{Jurisdiction: "LT", From: dataset.MustDate("2014"), Until: dataset.MustDate("2015"), Source: "s"},
			}},
			b: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2020"), Source: "s"},
			}},
			wantOnly: 3,
		},
		{
			name: "one row each pairs whatever the periods",
			a: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2010"), Until: dataset.MustDate("2012"), Source: "s"},
			}},
			b: &dataset.Dataset{Commitments: []dataset.Commitment{
				{Jurisdiction: "LT", From: dataset.MustDate("2020"), Source: "s"},
			}},
			wantMatched: 1,
			wantKeys:    []string{"jurisdiction=LT,period=2010/2012", "jurisdiction=LT,period=2010/2012"},
		},
		{
			name:        "programmes pair by id when their names differ",
			a:           &dataset.Dataset{Programmes: []dataset.Programme{{ID: "ee-komet", Jurisdiction: "EE", Name: "Komet", Level: "universal", Source: "s"}}},
			b:           &dataset.Dataset{Programmes: []dataset.Programme{{ID: "ee-komet", Jurisdiction: "EE", Name: "KOMET parenting", Level: "selective", Source: "s"}}},
			wantMatched: 1,
			wantKeys:    []string{"id=ee-komet"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.a, tt.b)
			if got.Matched != tt.wantMatched {
				t.Errorf("matched %d, want %d", got.Matched, tt.wantMatched)
			}
			var keys []string
			for _, d := range got.Divergences {
				keys = append(keys, d.Key)
			}
			if diff := cmp.Diff(tt.wantKeys, keys); diff != "" {
				t.Errorf("divergence keys (-want +got):\n%s", diff)
			}
			if n := len(got.OnlyA) + len(got.OnlyB); n != tt.wantOnly {
				t.Errorf("%d one-sided records, want %d: %+v %+v", n, tt.wantOnly, got.OnlyA, got.OnlyB)
			}
		})
	}
}

func TestDivergenceRate(t *testing.T) {
	tests := []struct {
		name                 string
		c                    Count
		wantRate, wantNoPrec float64
		rule                 Rule
		wantFull             bool
		wantShare            float64
	}{
		{"nothing coded", Count{}, 0, 0, Rule{5, 20}, true, 100},
		{"at the threshold", Count{Coded: 20, Divergent: 1}, 5, 5, Rule{5, 20}, true, 100},
		{"below the threshold", Count{Coded: 40, Divergent: 1}, 2.5, 2.5, Rule{5, 20}, false, 20},
		{"precision counts", Count{Coded: 8, Divergent: 2, Precision: 1}, 25, 12.5, Rule{20, 10}, true, 100},
		{"precision alone", Count{Coded: 16, Divergent: 1, Precision: 1}, 6.25, 0, Rule{10, 25}, false, 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Rate(); got != tt.wantRate {
				t.Errorf("Rate() = %v, want %v", got, tt.wantRate)
			}
			if got := tt.c.RateWithoutPrecision(); got != tt.wantNoPrec {
				t.Errorf("RateWithoutPrecision() = %v, want %v", got, tt.wantNoPrec)
			}
			got := tt.rule.Recommend(tt.c)
			want := Recommendation{Rate: tt.wantRate, Threshold: tt.rule.FullUntil, Full: tt.wantFull, Share: tt.wantShare}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Recommend (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompareCoverage checks that the searches two researchers recorded are
// compared like every other table: paired by topic, and a differing answer
// on completeness counted as a divergence.
func TestCompareCoverage(t *testing.T) {
	d := dataset.MustDate
	yes, no := true, false
	base := func(complete *bool, checked string) *dataset.Dataset {
		return &dataset.Dataset{
			Jurisdictions: []dataset.Jurisdiction{{Code: "SE", Name: "Sweden", Kind: dataset.State}},
			Coverage: []dataset.Coverage{
				{Jurisdiction: "SE", Topic: dataset.TopicActionPlans, CheckedOn: d(checked), Complete: complete},
				{Jurisdiction: "SE", Topic: dataset.TopicSurveys, CheckedOn: d("2026-11"), Complete: &no},
			},
		}
	}
	rep := Compare(base(&yes, "2026-11"), base(&no, "2026-12"))
	if len(rep.OnlyA) != 0 || len(rep.OnlyB) != 0 {
		t.Errorf("one-sided records %v / %v, want the searches paired by topic", rep.OnlyA, rep.OnlyB)
	}
	found := false
	for _, dv := range rep.Divergences {
		if dv.Table == "coverage" && dv.Field == "complete" {
			found = true
		}
	}
	if !found {
		t.Errorf("no divergence on coverage.complete in %+v", rep.Divergences)
	}
}
