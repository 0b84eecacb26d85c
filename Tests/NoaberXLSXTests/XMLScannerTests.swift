import Testing
@testable import NoaberXLSX

@Suite("XML scanner: tokens whatever the chunk size")
struct XMLScannerTests {
    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->
        <x:root a='1' b="t&amp;&quot;x&#39;&#x20AC;" ><x:c r="A1"/><v>12&lt;3</v><![CDATA[<raw> & ]]><e></e></x:root>
        """

    func tokens(_ text: String, chunk: Int, limit: Int = 4096) -> [String] {
        let xml = XMLScanner(source: .memory(Array(text.utf8), offset: 0), file: "f", part: "p", maxTokenBytes: limit, chunkSize: chunk)
        var out: [String] = []
        do {
            while true {
                switch try xml.next() {
                case .start:
                    let name = String(decoding: xml.localName, as: UTF8.self)
                    let a = (try? xml.attribute("a")) ?? nil
                    let b = (try? xml.attribute("b")) ?? nil
                    out.append("<\(name) a=\(a ?? "-") b=\(b ?? "-")\(xml.isEmptyElement ? "/" : "")>")
                case .end: out.append("</\(String(decoding: xml.localName, as: UTF8.self))>")
                case .text: out.append(xml.withText { String(decoding: $0, as: UTF8.self) })
                case .endOfDocument: return out
                }
            }
        } catch {
            out.append("error: \(error.kind)")
            return out
        }
    }

    @Test func everyChunkSizeGivesTheSameTokens() {
        let expected = tokens(Self.sample, chunk: XMLScanner.chunkSize)
        #expect(expected.contains("<root a=1 b=t&\"x'€>"))
        #expect(expected.contains("<c a=- b=-/>"))
        #expect(expected.contains("12<3"))
        #expect(expected.contains("<raw> & "))
        for chunk in 1...17 { #expect(tokens(Self.sample, chunk: chunk) == expected, "chunk \(chunk)") }
    }

    @Test func theTokenLimitIsTheSameWhateverTheChunk() {
        let longTag = "<a " + String(repeating: "b=\"1\" ", count: 40) + "<junk"
        let longText = "<a>" + String(repeating: "x", count: 300) + "</a>"
        for text in [longTag, longText, "<!--" + String(repeating: "-", count: 300)] {
            let expected = tokens(text, chunk: XMLScanner.chunkSize, limit: 64)
            #expect(expected.last?.contains("tokenTooLarge") == true, "\(expected)")
            for chunk in [1, 2, 5, 64, 65, 200] { #expect(tokens(text, chunk: chunk, limit: 64) == expected, "chunk \(chunk)") }
        }
    }

    @Test func malformedMarkup() {
        for text in ["<a b=1>", "<a b>", "<a/b>", "</a x>", "<>", "<a>&nope;</a>", "<a>&#0;</a>", "<a>&#x110000;</a>", "<!x>", "<a"] {
            #expect(tokens(text, chunk: 3).last?.hasPrefix("error") == true, "\(text)")
        }
    }
}
