package importers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding the fixture: %v", err)
	}
	return b
}

func TestReadCSVEncodings(t *testing.T) {
	lithuanian := "Šalis;Sritis;Uždrausta;Įsigaliojo;Įstatymas;Šaltinis\r\n" +
		"Lietuva;šeima;Taip;2017 m. vasario 14 d.;Vaiko teisių apsaugos pagrindų įstatymas;https://www.e-tar.lt/portal/lt/legalAct/TAR.1\r\n" +
		"Lietuva;mokykla;Taip;1.09.2011;Švietimo įstatymas;https://www.e-tar.lt/portal/lt/legalAct/TAR.2\r\n" +
		"Lietuva;globa;[Taip];;;https://www.e-tar.lt/portal/lt/legalAct/TAR.3\r\n"
	wantLT := map[string]map[string]string{
		"lt-home-2017": {"id": "lt-home-2017", "jurisdiction": "LT", "setting": "home", "status": "prohibited", "in_force": "2017-02-14",
			"instrument": "Vaiko teisių apsaugos pagrindų įstatymas", "source": "e-tar-lt-portal-lt-legalact-tar-1"},
		"lt-school-2011": {"id": "lt-school-2011", "jurisdiction": "LT", "setting": "school", "status": "prohibited", "in_force": "2011-09-01",
			"instrument": "Švietimo įstatymas", "source": "e-tar-lt-portal-lt-legalact-tar-2"},
		"lt-alternative-care": {"id": "lt-alternative-care", "jurisdiction": "LT", "setting": "alternative_care", "status": "prohibited", "confirmed": "false",
			"source": "e-tar-lt-portal-lt-legalact-tar-3"},
	}
	russian := "Страна;Сфера;Запрещено;Вступил в силу;Закон;Источник\n" +
		"Россия;семья;Нет;;;https://pravo.gov.ru/a\n" +
		"Россия;школа;Да;1 сентября 2013 г.;Федеральный закон «Об образовании»;https://pravo.gov.ru/b\n"
	wantRU := map[string]map[string]string{
		"ru-home": {"id": "ru-home", "jurisdiction": "RU", "setting": "home", "status": "not_prohibited", "source": "pravo-gov-ru-a"},
		"ru-school-2013": {"id": "ru-school-2013", "jurisdiction": "RU", "setting": "school", "status": "prohibited", "in_force": "2013-09-01",
			"instrument": "Федеральный закон «Об образовании»", "source": "pravo-gov-ru-b"},
	}
	nordic := "Country\tSetting\tStatus\tIn force\tSource\r\n" +
		"Ísland\tHome\tYes\t2003\thttps://www.althingi.is/x\r\n" +
		"Føroyar\tSchool\tYes\t\thttps://logir.fo/y\r\n"
	wantNordic := map[string]map[string]string{
		"is-home-2003": {"id": "is-home-2003", "jurisdiction": "IS", "setting": "home", "status": "prohibited", "in_force": "2003", "source": "althingi-is-x"},
		"fo-school":    {"id": "fo-school", "jurisdiction": "FO", "setting": "school", "status": "prohibited", "source": "logir-fo-y"},
	}
	danish := "Land;Område;Forbudt;I kraft;Kilde\nDanmark;hjemmet;Ja;1997;https://www.retsinformation.dk/a\nFærøerne;skole;Ja;;https://logir.fo/b\n"
	wantDanish := map[string]map[string]string{
		"dk-home-1997": {"id": "dk-home-1997", "jurisdiction": "DK", "setting": "home", "status": "prohibited", "in_force": "1997", "source": "retsinformation-dk-a"},
		"fo-school":    {"id": "fo-school", "jurisdiction": "FO", "setting": "school", "status": "prohibited", "source": "logir-fo-b"},
	}
	swedish := "country,setting,status,in force,source\nSverige,hem,ja,1979-07-01,https://riksdagen.se/sfs-1949-381\n"
	wantSwedish := map[string]map[string]string{
		"se-home-1979": {"id": "se-home-1979", "jurisdiction": "SE", "setting": "home", "status": "prohibited", "in_force": "1979-07-01", "source": "riksdagen-se-sfs-1949-381"},
	}
	utf16le := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	utf16be := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	tests := []struct {
		name     string
		file     string
		data     []byte
		encoding string
		want     map[string]map[string]string
	}{
		{"Windows-1257 semicolons, Lithuanian", "lt.csv", encode(t, charmap.Windows1257, lithuanian), "", wantLT},
		{"Windows-1257 named", "lt.csv", encode(t, charmap.Windows1257, lithuanian), "cp1257", wantLT},
		{"Windows-1251 semicolons, Russian", "ru.csv", encode(t, charmap.Windows1251, russian), "", wantRU},
		{"Windows-1252 Danish", "dk.csv", encode(t, charmap.Windows1252, danish), "", wantDanish},
		{"UTF-16 LE tab file (Excel Unicode text)", "nordic.txt", encode(t, utf16le, nordic), "", wantNordic},
		{"UTF-16 BE tab file", "nordic.txt", encode(t, utf16be, nordic), "", wantNordic},
		{"UTF-8 with a byte order mark", "se.csv", append([]byte("\xef\xbb\xbf"), swedish...), "", wantSwedish},
		{"UTF-8 without", "se.csv", []byte(swedish), "", wantSwedish},
		{"Excel sep= line", "se.csv", []byte("sep=;\n" + strings.ReplaceAll(swedish, ",", ";")), "", wantSwedish},
		{"tsv", "se.tsv", []byte(strings.ReplaceAll(swedish, ",", "\t")), "", wantSwedish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inDir(t)
			name := writeFile(t, dir, tt.file, tt.data)
			res := mustImport(t, Options{Encoding: tt.encoding}, name)
			if errs := errorsOf(res.Problems); len(errs) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
			}
			if diff := cmp.Diff(tt.want, table(res.Dataset, "provisions")); diff != "" {
				t.Errorf("provisions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCSVPositions(t *testing.T) {
	dir := inDir(t)
	data := "country;setting;status;in force;source\n" +
		"Sweden;home;yes;1979;https://riksdagen.se\n" +
		"Sweden;school;\"[perhaps]\";1.07.1979;https://riksdagen.se\n" +
		"\n" +
		"Polska;dom;tak;sen;https://isap.sejm.gov.pl\n"
	name := writeFile(t, dir, "poland.csv", []byte(data))
	res := mustImport(t, Options{}, name)
	want := []string{
		`poland.csv:3:3: error enum-error: status: cannot map "perhaps" to a status value (prohibited, unlawful_not_explicit, prohibited_unidentified, partial, not_prohibited, unknown): write one of them, or add the line "VALUE,perhaps," (VALUE: one of them) to status.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
		`poland.csv:5:4: error type-error: in_force: cannot read "sen" as a date; ` + dateHint,
	}
	if diff := cmp.Diff(want, errorsOf(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestInvalidUTF8(t *testing.T) {
	dir := inDir(t)
	data := encode(t, charmap.Windows1257, "country;setting;status;source\nLietuva;šeima;Taip;https://e-tar.lt\n")
	name := writeFile(t, dir, "lt.csv", data)
	res := mustImport(t, Options{Encoding: "utf-8"}, name)
	want := []string{"lt.csv:2: error encoding-error: line 2 is not valid UTF-8; save the file as UTF-8, or say its encoding with --encoding (windows-1252, windows-1257, windows-1251)"}
	if diff := cmp.Diff(want, errorsOf(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if n := res.Records(); n != 0 {
		t.Errorf("%d records read from a file that could not be decoded", n)
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		name string
		text string
		want rune
	}{
		{"commas", "a,b,c\n1,2,3\n", ','},
		{"semicolons with decimal commas", "a;b;c\n1,5;2,5;3\n4;5,1;6\n", ';'},
		{"tabs", "a\tb\n1\t2\n", '\t'},
		{"title row first", "Poland, 2024\n\na;b;c\n1;2;3\n4;5;6\n", ';'},
		{"quoted delimiters", "\"a;x\",b\n\"1;2\",3\n", ','},
		{"one column", "a\nb\n", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := detectDelimiter(tt.text); got != tt.want {
				t.Errorf("detectDelimiter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGuessCodePage(t *testing.T) {
	tests := []struct {
		name string
		e    *charmap.Charmap
		text string
		want string
	}{
		{"Lithuanian", charmap.Windows1257, "Vaiko teisių apsaugos pagrindų įstatymas; Švietimo įstatymas; šeima", "windows-1257"},
		{"Latvian", charmap.Windows1257, "Bērnu tiesību aizsardzības likums; ģimene; Latvija", "windows-1257"},
		{"Russian", charmap.Windows1251, "Страна;Россия;Да", "windows-1251"},
		{"Russian among English headers", charmap.Windows1251, "Country;Status\nРоссия;Нет", "windows-1251"},
		{"Icelandic", charmap.Windows1252, "Ísland; Lög um vernd barna; heimilið; Þýskaland", "windows-1252"},
		{"Danish", charmap.Windows1252, "Færøerne; børn og forældre; på skolen", "windows-1252"},
		{"German", charmap.Windows1252, "Bürgerliches Gesetzbuch; Straße; Gewaltfreie Erziehung", "windows-1252"},
		{"Swedish", charmap.Windows1252, "Föräldrabalken; barnaga förbjöds", "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guessCodePage(encode(t, tt.e, tt.text)); got != tt.want {
				t.Errorf("guessCodePage = %s, want %s", got, tt.want)
			}
		})
	}
}
