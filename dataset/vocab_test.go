package dataset

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaVocabularies are the code lists of SCHEMA.md, written out.
var schemaVocabularies = map[string][]string{
	"kind":          {"state", "territory"},
	"setting":       {"home", "alternative_care", "day_care", "school", "penal_institution", "sentence"},
	"status":        {"prohibited", "unlawful_not_explicit", "prohibited_unidentified", "partial", "not_prohibited", "unknown"},
	"translation":   {"official", "unofficial", "original"},
	"campaign_kind": {"campaign", "action_plan", "training", "guidance"},
	"lead_type":     {"government", "ombudsman", "ngo", "international", "academic", "mixed"},
	"audience":      {"parents", "children", "professionals", "public", "policy_makers", "media", "faith_communities"},
	"channel":       {"tv", "radio", "print", "online", "social_media", "outdoor", "events", "schools", "services"},
	"level":         {"universal", "selective", "indicated"},
	"delivery":      {"group", "individual", "home_visit", "online"},
	"evidence":      {"rct", "quasi_experimental", "evaluated", "not_evaluated"},
	"indicator":     {"cp_use_past_year", "cp_experienced_ever", "cp_approval", "ban_support", "ban_awareness", "violent_discipline_past_month"},
	"respondents":   {"parents", "adults", "children", "youth"},
	"method":        {"phone", "face_to_face", "online", "school", "mixed"},
	"source_type":   {"legislation", "report", "survey", "website", "news", "dataset"},
	"reliability":   {"primary", "secondary", "weak"},
	"topic":         {"provisions", "commitments", "action_plans", "campaigns", "programmes", "surveys"},
}

func TestVocabulariesMatchSchema(t *testing.T) {
	if diff := cmp.Diff(schemaVocabularies, Vocabularies); diff != "" {
		t.Errorf("Vocabularies differ from SCHEMA.md (-want +got):\n%s", diff)
	}
	for name, codes := range Vocabularies {
		seen := map[string]bool{}
		for _, c := range codes {
			if seen[c] {
				t.Errorf("vocabulary %s lists %q twice", name, c)
			}
			seen[c] = true
			if !isID(strings.ReplaceAll(c, "_", "-")) {
				t.Errorf("vocabulary %s: code %q is not lower-case letters, digits and '_'", name, c)
			}
		}
	}
}

func strs[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func TestTypedConstantsMatchVocabularies(t *testing.T) {
	// Every typed constant, in vocabulary order: the constants and the
	// vocabulary must name the same codes.
	tests := []struct {
		vocab     string
		constants []string
	}{
		{"kind", strs(State, Territory)},
		{"setting", strs(Home, AlternativeCare, DayCare, School, PenalInstitution, Sentence)},
		{"status", strs(Prohibited, UnlawfulNotExplicit, ProhibitedUnidentified, Partial, NotProhibited, Unknown)},
		{"translation", strs(Official, Unofficial, Original)},
		{"campaign_kind", strs(MeasureCampaign, MeasureActionPlan, MeasureTraining, MeasureGuidance)},
		{"indicator", strs(CPUsePastYear, CPExperiencedEver, CPApproval, BanSupport, BanAwareness, ViolentDisciplinePastMonth)},
		{"topic", strs(Topics...)},
		{"setting", strs(Settings...)},
		{"status", strs(Statuses...)},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(Vocabularies[tt.vocab], tt.constants); diff != "" {
			t.Errorf("constants of %s differ from the vocabulary (-want +got):\n%s", tt.vocab, diff)
		}
		for _, c := range tt.constants {
			if !InVocabulary(tt.vocab, c) {
				t.Errorf("InVocabulary(%q, %q) = false", tt.vocab, c)
			}
		}
	}
}

func TestInVocabulary(t *testing.T) {
	tests := []struct {
		vocab, value string
		want         bool
	}{
		{"status", "prohibited", true},
		{"status", "Prohibited", false},
		{"status", "prohibited ", false},
		{"status", "", false},
		{"setting", "school", true},
		{"method", "school", true},
		{"setting", "schools", false},
		{"channel", "schools", true},
		{"no-such-vocabulary", "school", false},
	}
	for _, tt := range tests {
		if got := InVocabulary(tt.vocab, tt.value); got != tt.want {
			t.Errorf("InVocabulary(%q, %q) = %v, want %v", tt.vocab, tt.value, got, tt.want)
		}
	}
}

func TestEveryFieldVocabularyExists(t *testing.T) {
	for _, tb := range Tables() {
		for _, f := range tb.Fields {
			if f.Vocab == "" || f.Vocab == "code" {
				continue
			}
			if _, ok := Vocabularies[f.Vocab]; !ok {
				t.Errorf("%s.%s uses vocabulary %q, which does not exist", tb.Name, f.Name, f.Vocab)
			}
		}
	}
}

func TestLookupCountry(t *testing.T) {
	tests := []struct {
		code string
		want Country
		ok   bool
	}{
		{"SE", Country{Alpha2: "SE", Alpha3: "SWE", Numeric: "752", Name: "Sweden"}, true},
		{"FO", Country{Alpha2: "FO", Alpha3: "FRO", Numeric: "234", Name: "Faroe Islands"}, true},
		{"GL", Country{Alpha2: "GL", Alpha3: "GRL", Numeric: "304", Name: "Greenland"}, true},
		{"RU", Country{Alpha2: "RU", Alpha3: "RUS", Numeric: "643", Name: "Russia"}, true},
		{"AX", Country{Alpha2: "AX", Alpha3: "ALA", Numeric: "248", Name: "Åland Islands"}, true},
		{"XK", Country{}, false}, // Kosovo: user-assigned, not ISO
		{"UK", Country{}, false}, // exceptionally reserved; GB is the code
		{"EU", Country{}, false}, // exceptionally reserved
		{"se", Country{}, false},
		{"SWE", Country{}, false},
		{"", Country{}, false},
		{"alpha2", Country{}, false}, // the header row is not an entry
	}
	for _, tt := range tests {
		got, ok := LookupCountry(tt.code)
		if ok != tt.ok || got != tt.want {
			t.Errorf("LookupCountry(%q) = %+v, %v, want %+v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 249 {
		t.Errorf("len(Countries()) = %d, want 249", len(cs))
	}
	if !slices.IsSortedFunc(cs, func(a, b Country) int { return strings.Compare(a.Alpha2, b.Alpha2) }) {
		t.Error("Countries() is not sorted by alpha-2 code")
	}
	alpha3 := map[string]bool{}
	numeric := map[string]bool{}
	for i, c := range cs {
		if i > 0 && cs[i-1].Alpha2 == c.Alpha2 {
			t.Errorf("Countries() lists %s twice", c.Alpha2)
		}
		if len(c.Alpha2) != 2 || len(c.Alpha3) != 3 || len(c.Numeric) != 3 || c.Name == "" {
			t.Errorf("malformed entry %+v", c)
		}
		if alpha3[c.Alpha3] || numeric[c.Numeric] {
			t.Errorf("%+v repeats an alpha-3 or numeric code", c)
		}
		alpha3[c.Alpha3], numeric[c.Numeric] = true, true
		if got, ok := LookupCountry(c.Alpha2); !ok || got != c {
			t.Errorf("LookupCountry(%q) = %+v, %v, want %+v", c.Alpha2, got, ok, c)
		}
	}
}
