package importers

import (
	"errors"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
)

func TestDecode(t *testing.T) {
	lx := lexiconT(t)
	field := func(table, name string) *dataset.Field { return dataset.TableByName(table).Field(name) }
	xlsx := cellCtx{xlsx: true}
	tests := []struct {
		name    string
		f       *dataset.Field
		in      string
		percent bool
		ctx     cellCtx
		want    string
		code    string // problem code when it cannot be read
		msg     string // and part of the message
	}{
		{"text trimmed", field("provisions", "instrument"), "  Civil Code \r\n", false, cellCtx{}, "Civil Code", "", ""},
		{"text keeps a formula-looking value", field("provisions", "notes"), `=HYPERLINK("http://x","y")`, false, cellCtx{}, `=HYPERLINK("http://x","y")`, "", ""},
		{"text keeps markup", field("campaigns", "name"), "</script><b>", false, cellCtx{}, "</script><b>", "", ""},
		{"id kept", field("provisions", "id"), "se-home-1979", false, cellCtx{}, "se-home-1979", "", ""},
		{"id made an id", field("provisions", "id"), "SE Home 1979", false, cellCtx{}, "se-home-1979", "", ""},
		{"id with nothing", field("provisions", "id"), "§§", false, cellCtx{}, "", dataset.CodePattern, "cannot make an id"},
		{"country name", field("provisions", "jurisdiction"), "Eesti", false, cellCtx{}, "EE", "", ""},
		{"country unknown", field("provisions", "jurisdiction"), "Atlantis", false, cellCtx{}, "", dataset.CodeISO, `add the line "CODE,Atlantis," (CODE: its ISO 3166-1 alpha-2 code) to countries.csv`},
		{"country typo", field("provisions", "jurisdiction"), "Latvja", false, cellCtx{}, "", dataset.CodeISO, `cannot map "Latvja" to a country: did you mean Latvia?`},
		{"country typo native", field("provisions", "jurisdiction"), "Lietuv", false, cellCtx{}, "", dataset.CodeISO, `did you mean Lithuania?`},
		{"audience unknown", field("campaigns", "audiences"), "parrots", false, cellCtx{}, "", dataset.CodeEnum, `cannot map "parrots" to an audience value`},
		{"status", field("provisions", "status"), "Tak", false, cellCtx{}, "prohibited", "", ""},
		{"status unknown", field("provisions", "status"), "Maybe", false, cellCtx{}, "", dataset.CodeEnum, `cannot map "Maybe" to a status value (prohibited, unlawful_not_explicit, prohibited_unidentified, partial, not_prohibited, unknown): write one of them, or add the line "VALUE,Maybe," (VALUE: one of them) to status.csv in a synonyms folder`},
		{"boolean", field("provisions", "confirmed"), "Jah", false, cellCtx{}, "true", "", ""},
		{"boolean unknown", field("provisions", "confirmed"), "perhaps", false, cellCtx{}, "", dataset.CodeEnum, `to a yes/no value (true, false): write one of them, or add the line "VALUE,perhaps," (VALUE: one of them) to boolean.csv`},
		{"country list", field("campaigns", "jurisdictions"), "Sverige, Suomi; EE", false, cellCtx{}, "EE;FI;SE", "", ""},
		{"country list duplicates", field("campaigns", "jurisdictions"), "SE/Sweden", false, cellCtx{}, "SE", "", ""},
		{"vocabulary list", field("campaigns", "audiences"), "Rodzice; dzieci\nspecjaliści", false, cellCtx{}, "children;parents;professionals", "", ""},
		{"vocabulary list unknown item", field("campaigns", "channels"), "tv; carrier pigeons", false, cellCtx{}, "", dataset.CodeEnum, `"carrier pigeons"`},
		{"date", field("provisions", "adopted"), "1.07.1979", false, cellCtx{}, "1979-07-01", "", ""},
		{"integer", field("surveys", "sample_size"), "1200", false, cellCtx{}, "1200", "", ""},
		{"integer with a space", field("surveys", "sample_size"), "1 200", false, cellCtx{}, "1200", "", ""},
		{"integer with a no-break space", field("surveys", "sample_size"), "12\u00a0000", false, cellCtx{}, "12000", "", ""},
		{"integer with a thousands dot", field("surveys", "sample_size"), "12.000", false, cellCtx{}, "12000", "", ""},
		{"integer with a thousands comma", field("surveys", "sample_size"), "1,234,567", false, cellCtx{}, "1234567", "", ""},
		{"integer from a workbook", field("surveys", "sample_size"), "1200", false, xlsx, "1200", "", ""},
		{"integer not whole", field("surveys", "sample_size"), "12,5", false, cellCtx{}, "", dataset.CodeType, `cannot read "12,5" as a whole number`},
		{"integer word", field("surveys", "year"), "twenty", false, cellCtx{}, "", dataset.CodeType, "whole number"},
		{"percent plain", field("surveys", "value"), "26", false, cellCtx{}, "26", "", ""},
		{"percent sign", field("surveys", "value"), "26 %", false, cellCtx{}, "26", "", ""},
		{"percent comma", field("surveys", "value"), "26,5 %", false, cellCtx{}, "26.5", "", ""},
		{"percent point", field("surveys", "value"), "26.5", false, cellCtx{}, "26.5", "", ""},
		{"percent-formatted cell", field("surveys", "value"), "0.265", true, xlsx, "26.5", "", ""},
		{"percent-formatted exponent", field("surveys", "value"), "2.5E-1", true, xlsx, "25", "", ""},
		{"percent-formatted text with a sign", field("surveys", "value"), "26%", true, xlsx, "26", "", ""},
		{"percent thousands and decimal", field("surveys", "value"), "1.234,5", false, cellCtx{}, "1234.5", "", ""},
		{"percent word", field("surveys", "value"), "many", false, cellCtx{}, "", dataset.CodeType, "cannot read \"many\" as a percentage"},
		{"percent infinity", field("surveys", "value"), "Inf", false, xlsx, "", dataset.CodeType, "percentage"},
		{"url", field("sources", "url"), " https://example.org/x ", false, cellCtx{}, "https://example.org/x", "", ""},
		{"empty", field("provisions", "status"), "   ", false, cellCtx{}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := lx.decode(tt.f, tt.in, tt.percent, tt.ctx)
			if tt.code != "" {
				var ce *cellError
				if !errors.As(err, &ce) {
					t.Fatalf("decode(%q) = %q, %v; want a %s", tt.in, got, err, tt.code)
				}
				if ce.code != tt.code || !strings.Contains(ce.msg, tt.msg) {
					t.Errorf("decode(%q) error = %s %q; want %s with %q", tt.in, ce.code, ce.msg, tt.code, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("decode(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("decode(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// What decode returns is a stored form of the field's kind
			// (whether it is in range or required is checked later).
			for _, p := range tt.f.Check(got, dataset.Pos{}) {
				if p.Code != dataset.CodeRange && p.Code != dataset.CodeRequired {
					t.Errorf("decode(%q) = %q, which %s refuses: %v", tt.in, got, tt.f.Name, p)
				}
			}
		})
	}
}

func TestDecodeStatus(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		in          string
		want        string
		unconfirmed bool
	}{
		{"YES", "prohibited", false},
		{"[YES]", "prohibited", true},
		{"[ YES ]2", "prohibited", true},
		{"YES2", "prohibited", false},
		{"SOME", "partial", false},
		{"[NO]", "not_prohibited", true},
		{"Tak", "prohibited", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, unc, err := lx.decodeStatus(tt.in)
			if err != nil || got != tt.want || unc != tt.unconfirmed {
				t.Errorf("decodeStatus(%q) = %q, %v, %v; want %q, %v", tt.in, got, unc, err, tt.want, tt.unconfirmed)
			}
		})
	}
}

func TestDecodeUndoesTheFormulaGuard(t *testing.T) {
	lx := lexiconT(t)
	title := dataset.TableByName("sources").Field("title")
	tests := []struct{ in, want string }{
		{`'=HYPERLINK("http://evil","x")`, `=HYPERLINK("http://evil","x")`},
		{"'@SUM(A1)", "@SUM(A1)"},
		{"'-1+2", "-1+2"},
		{"''=x", "'=x"},
		{"'quoted'", "'quoted'"},
		{"=raw", "=raw"},
	}
	for _, tt := range tests {
		got, err := lx.decode(title, tt.in, false, cellCtx{})
		if err != nil || got != tt.want {
			t.Errorf("decode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
