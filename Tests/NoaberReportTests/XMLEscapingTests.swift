import Testing
@testable import NoaberReport

@Suite struct XMLEscapingTests {
    @Test func markupIsEscaped() {
        #expect(XMLEscaping.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(XMLEscaping.attribute("\"quotes\" and 'apostrophes'") == "&quot;quotes&quot; and &#39;apostrophes&#39;")
    }

    @Test func alreadyEscapedTextIsEscapedExactlyOnce() {
        #expect(XMLEscaping.text("&amp;") == "&amp;amp;")
        let element = SVGElement("text", text: "&amp;")
        #expect(element.rendered() == "<text>&amp;amp;</text>")
    }

    @Test func controlCharactersAreRemovedButTabAndNewlineKept() {
        #expect(XMLEscaping.text("a\u{0}b\u{7}c\u{1B}d\re\u{7F}f\u{85}g\u{FFFF}") == "abcdefg")
        #expect(XMLEscaping.text("a\tb\nc") == "a\tb\nc")
        #expect(XMLEscaping.attribute("a\tb\nc") == "a&#9;b&#10;c")
    }

    @Test func plainAndNonASCIITextIsUnchanged() {
        #expect(XMLEscaping.text("Exloërveen – € 5") == "Exloërveen – € 5")
        #expect(XMLEscaping.text("") == "")
        #expect(XMLEscaping.text("=HYPERLINK(x)") == "=HYPERLINK(x)")
    }

    @Test func builderEscapesAttributesAndText() {
        let element = SVGElement("g", [.init("data-x", "a\"<b>&")], children: [.element(SVGElement("title", text: "<x>"))])
        #expect(element.rendered() == "<g data-x=\"a&quot;&lt;b&gt;&amp;\">\n  <title>&lt;x&gt;</title>\n</g>")
    }

    @Test func identifiersAreSanitised() {
        #expect(SVGDocument.sanitizedIdentifier("bar") == "bar")
        #expect(SVGDocument.sanitizedIdentifier("1 \"x\"") == "chart1--x-")
        #expect(SVGDocument.sanitizedIdentifier("") == "chart")
    }
}
