package xlsx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"time"
)

// Name spaces, types of relationships and of content.
const (
	xmlHeader       = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsContentTypes  = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsOfficeRels    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relHyperlink    = nsOfficeRels + "/hyperlink"
	ctMain          = "application/vnd.openxmlformats-officedocument.spreadsheetml"
)

// Writer writes a workbook of worksheets whose cells all cite the
// shared-strings table, as Excel and LibreOffice save one, streaming: its
// skeleton (content types, relationships, the workbook and the styles),
// then each sheet, then the shared strings. Its parts are dated as Excel
// dates them, so that the same cells give the same bytes.
type Writer struct {
	zw     *zip.Writer
	sheets int
}

// NewWriter returns a Writer of a workbook with the sheets named, whose
// styles part is stylesXML (a styleSheet element; the XML declaration
// goes in front of it). The sheets must then be written in order.
func NewWriter(w io.Writer, sheets []string, stylesXML string) (*Writer, error) {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.DefaultCompression)
	})
	bw := &Writer{zw: zw}
	parts := []struct{ name, text string }{
		{"[Content_Types].xml", contentTypes(len(sheets))},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="` + nsRelationships + `"><Relationship Id="rId1" Type="` + nsOfficeRels + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", workbookXML(sheets)},
		{"xl/_rels/workbook.xml.rels", workbookRels(len(sheets))},
		{"xl/styles.xml", xmlHeader + stylesXML},
	}
	for _, p := range parts {
		if err := bw.part(p.name, func(b *bufio.Writer) error {
			_, err := b.WriteString(p.text)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return bw, nil
}

// part writes one part of the zip.
func (w *Writer) part(name string, write func(*bufio.Writer) error) error {
	f, err := w.zw.CreateHeader(&zip.FileHeader{
		Name:     name,
		Method:   zip.Deflate,
		Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), // as Excel dates its parts
	})
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(f, 64<<10)
	if err := write(b); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return b.Flush()
}

// Sheet writes the next sheet: its dimension (such as "A1:L100001"), its
// header row frozen when freezeHeader is set, and cells written by cells.
func (w *Writer) Sheet(dimension string, freezeHeader bool, cells func(*SheetData) error) error {
	w.sheets++
	return w.part(fmt.Sprintf("xl/worksheets/sheet%d.xml", w.sheets), func(b *bufio.Writer) error {
		b.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsOfficeRels + `">`)
		fmt.Fprintf(b, `<dimension ref="%s"/>`, dimension)
		if freezeHeader {
			b.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
		}
		b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
		d := NewSheetData(b)
		if err := cells(d); err != nil {
			return err
		}
		if err := d.Close(); err != nil {
			return err
		}
		_, err := b.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
		return err
	})
}

// SharedStrings writes the shared-strings table, last: count text cells
// citing unique strings, added by add.
func (w *Writer) SharedStrings(count, unique int, add func(*SharedStringsWriter) error) error {
	return w.part("xl/sharedStrings.xml", func(b *bufio.Writer) error {
		sw := NewSharedStringsWriter(b, count, unique)
		if err := add(sw); err != nil {
			return err
		}
		return sw.Close()
	})
}

// Close ends the zip.
func (w *Writer) Close() error { return w.zw.Close() }

func contentTypes(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="` + nsContentTypes + `">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctMain + `.sheet.main+xml"/>`)
	for i := range sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="`+ctMain+`.worksheet+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="` + ctMain + `.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctMain + `.sharedStrings+xml"/>` +
		`</Types>`)
	return b.String()
}

func workbookXML(sheets []string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsOfficeRels + `">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, appendText(nil, Escape(s)), i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func workbookRels(sheets int) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="` + nsRelationships + `">`)
	for i := range sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsOfficeRels+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsOfficeRels+`/styles" Target="styles.xml"/>`, sheets+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsOfficeRels+`/sharedStrings" Target="sharedStrings.xml"/>`, sheets+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}
