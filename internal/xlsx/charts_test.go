package xlsx

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFixChart(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			"category-axis elements leave a value axis",
			`<valAx><axId val="1"></axId><crosses val="autoZero"></crosses><auto val="1"></auto><lblAlgn val="ctr"></lblAlgn><lblOffset val="100"></lblOffset><noMultiLvlLbl val="0"></noMultiLvlLbl></valAx>`,
			`<valAx><axId val="1"></axId><crosses val="autoZero"></crosses></valAx>`,
		},
		{
			"prefixed and empty-element forms",
			`<c:valAx><c:axId val="1"/><c:lblAlgn val="ctr"/><c:tickLblSkip val="2"/></c:valAx>`,
			`<c:valAx><c:axId val="1"/></c:valAx>`,
		},
		{
			"a category axis keeps them",
			`<catAx><auto val="1"></auto><lblAlgn val="ctr"></lblAlgn></catAx>`,
			`<catAx><auto val="1"></auto><lblAlgn val="ctr"></lblAlgn></catAx>`,
		},
		{
			"scatter X values as numbers",
			`<xVal><strRef><f>'S'!$E$2:$E$3</f></strRef></xVal>`,
			`<xVal><numRef><f>'S'!$E$2:$E$3</f></numRef></xVal>`,
		},
		{
			"vertical axis title rotated",
			`<valAx><axPos val="l"></axPos><title><txPr><a:bodyPr anchorCtr="false" rot="0"></a:bodyPr></txPr></title></valAx>`,
			`<valAx><axPos val="l"></axPos><title><txPr><a:bodyPr anchorCtr="false" rot="-5400000" vert="horz"></a:bodyPr></txPr></title></valAx>`,
		},
		{
			"horizontal axis title kept",
			`<valAx><axPos val="b"></axPos><title><txPr><a:bodyPr rot="0"></a:bodyPr></txPr></title></valAx>`,
			`<valAx><axPos val="b"></axPos><title><txPr><a:bodyPr rot="0"></a:bodyPr></txPr></title></valAx>`,
		},
		{
			"run booleans as digits",
			`<a:rPr b="false" i="true" kern="0"></a:rPr>`,
			`<a:rPr b="0" i="1" kern="0"></a:rPr>`,
		},
		{
			"a flat chart loses its 3-D view and walls",
			`<chart><view3D><rotX val="0"></rotX></view3D><floor><thickness val="0"></thickness></floor><sideWall><thickness val="0"></thickness></sideWall><backWall><thickness val="0"></thickness></backWall><plotArea><barChart></barChart></plotArea></chart>`,
			`<chart><plotArea><barChart></barChart></plotArea></chart>`,
		},
		{
			"a 3-D chart keeps its view",
			`<chart><view3D><rotX val="15"></rotX></view3D><plotArea><bar3DChart></bar3DChart></plotArea></chart>`,
			`<chart><view3D><rotX val="15"></rotX></view3D><plotArea><bar3DChart></bar3DChart></plotArea></chart>`,
		},
		{
			"empty paragraph ends go",
			`<a:p><a:r><a:t>T</a:t></a:r><a:endParaRPr lang="en-US" altLang="en-US"></a:endParaRPr></a:p><a:p><a:endParaRPr/></a:p>`,
			`<a:p><a:r><a:t>T</a:t></a:r></a:p><a:p></a:p>`,
		},
		{
			"data labels all off go, labels shown stay",
			`<ser><dLbls><spPr></spPr><txPr><a:p></a:p></txPr><showLegendKey val="0"></showLegendKey><showVal val="0"></showVal></dLbls></ser><dLbls><showVal val="1"></showVal></dLbls>`,
			`<ser></ser><dLbls><showVal val="1"></showVal></dLbls>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(FixChart([]byte(tt.in)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FixChart (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddQuotedXfs(t *testing.T) {
	in := `<styleSheet><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0"></xf><xf fontId="1"><alignment wrapText="true"></alignment></xf></cellXfs></styleSheet>`
	want := `<styleSheet><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0"></xf><xf fontId="1"><alignment wrapText="true"></alignment></xf>` +
		`<xf quotePrefix="1" numFmtId="0" fontId="0"></xf><xf quotePrefix="1" fontId="1"><alignment wrapText="true"></alignment></xf></cellXfs></styleSheet>`
	got, n, err := addQuotedXfs([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d formats, want 2", n)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("addQuotedXfs (-want +got):\n%s", diff)
	}
}

func TestCellTextQuoted(t *testing.T) {
	tests := []struct {
		in, want string
		quoted   bool
	}{
		{"=1+1", "=1+1", true},
		{"-5", "-5", true},
		{"'=1", "''=1", false},
		{"plain", "plain", false},
		{"'plain", "'plain", false},
	}
	for _, tt := range tests {
		got, q, err := CellTextQuoted("A1", tt.in)
		if err != nil || got != tt.want || q != tt.quoted {
			t.Errorf("CellTextQuoted(%q) = %q, %t, %v; want %q, %t", tt.in, got, q, err, tt.want, tt.quoted)
		}
		if back := Unguard(got); back != tt.in {
			t.Errorf("Unguard(%q) = %q, want %q", got, back, tt.in)
		}
	}
}
