package charts

import (
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTableRowsEscapesAsTemplate: tableRows writes what html/template's own
// range over the cells wrote before it, whatever the cells hold.
func TestTableRowsEscapesAsTemplate(t *testing.T) {
	byTemplate := template.Must(template.New("rows").Parse(
		`{{- range .}}` + "\n" + `<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>{{- end}}`))
	hostile := []string{
		"", "plain", "</script><script>alert(1)</script>", `"quoted" & 'single'`, "a+b=c", "<b>bold</b>",
		"nul\x00byte", "bad utf-8 \xff\xfe", "line\nbreak\r\n", "\u2028\u2029", "&amp; already", "{{.}}", "ü ñ 日本",
	}
	cases := [][][]string{
		nil,
		{{"only"}},
		{hostile[:4], hostile[4:8], hostile[8:]},
		{{"SE", "1979", "+5.0"}, {"", "", ""}},
	}
	for i, rows := range cases {
		var want strings.Builder
		if err := byTemplate.Execute(&want, rows); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), string(tableRows(rows))); diff != "" {
			t.Errorf("case %d (-template +tableRows):\n%s", i, diff)
		}
	}
}
