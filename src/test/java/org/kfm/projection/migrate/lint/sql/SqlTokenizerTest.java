package org.kfm.projection.migrate.lint.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokenizerTest {

    private static List<Token> tokens(String sql) {
        SqlTokenizer.Lexed lexed = SqlTokenizer.tokenize(sql);
        assertEquals(List.of(), lexed.problems(), "no problems expected");
        return lexed.tokens();
    }

    private static List<TokenType> types(String sql) {
        return tokens(sql).stream().map(Token::type).toList();
    }

    @Test
    void wordsAreFoldedToLowerCaseAndQuotedIdentifiersKeptExactly() {
        List<Token> t = tokens("SELECT \"Feature \"\"Geom\"\" \" FROM Kfm_Index.x");
        assertEquals("select", t.get(0).value());
        assertEquals(TokenType.QUOTED_IDENT, t.get(1).type());
        assertEquals("Feature \"Geom\" ", t.get(1).value());
        assertEquals("kfm_index", t.get(3).value());
    }

    @Test
    void doubledQuoteStaysInsideTheString() {
        List<Token> t = tokens("SELECT 'it''s; -- not a comment'; x");
        assertEquals(TokenType.STRING, t.get(1).type());
        assertEquals("it''s; -- not a comment", t.get(1).value());
        assertTrue(t.get(2).isSymbol(";"));
    }

    @Test
    void backslashEscapesOnlyInEscapeStrings() {
        List<Token> e = tokens("SELECT E'a\\'b;c' , 'd\\' ;");
        assertEquals("a\\'b;c", e.get(1).value());
        assertEquals("d\\", e.get(3).value(), "backslash is literal in a standard string");
        assertTrue(e.get(4).isSymbol(";"));
    }

    @Test
    void unicodeAndBitStringPrefixesStartStrings() {
        assertEquals(List.of(TokenType.STRING, TokenType.STRING, TokenType.STRING, TokenType.QUOTED_IDENT),
                types("U&'d\\0061t' B'101' X'1F' U&\"na\\0061me\""));
    }

    @Test
    void dollarQuotesWithAndWithoutTagsHideSemicolonsAndComments() {
        List<Token> t = tokens("AS $$ SELECT 1; -- x $$; AS $fn$ a $$ b; $fn$;");
        assertEquals(TokenType.DOLLAR_STRING, t.get(1).type());
        assertEquals(" SELECT 1; -- x ", t.get(1).value());
        assertEquals(TokenType.DOLLAR_STRING, t.get(4).type());
        assertEquals(" a $$ b; ", t.get(4).value(), "an inner $$ does not close $fn$");
    }

    @Test
    void dollarInsideAnIdentifierIsNotAQuote() {
        List<Token> t = tokens("SELECT a$$b, $1");
        assertEquals("a$$b", t.get(1).value());
        assertEquals(TokenType.PARAM, t.get(3).type());
    }

    @Test
    void blockCommentsNest() {
        List<Token> t = tokens("/* outer /* inner; DROP TABLE x; */ still comment; */ SELECT 1");
        assertEquals(TokenType.BLOCK_COMMENT, t.get(0).type());
        assertTrue(t.get(1).isWord("select"));
    }

    @Test
    void lineCommentsEndAtTheNewline() {
        List<Token> t = tokens("-- DROP TABLE feature_geom;\nSELECT 1");
        assertEquals(TokenType.LINE_COMMENT, t.get(0).type());
        assertEquals(" DROP TABLE feature_geom;", t.get(0).value());
        assertEquals(2, t.get(1).line());
    }

    @Test
    void operatorsDoNotSwallowACommentStart() {
        assertEquals(List.of(TokenType.WORD, TokenType.SYMBOL, TokenType.LINE_COMMENT), types("a +-- c"));
    }

    @Test
    void linesCountAcrossMultiLineTokens() {
        List<Token> t = tokens("'a\nb'\n/* c\n\nd */ $$\n$$ \"q\nq\" x\r\ny");
        assertEquals(List.of(1, 3, 5, 6, 7), t.stream().map(Token::line).toList().subList(0, 5));
        assertEquals(7, t.get(4).line());
        assertEquals(8, t.get(5).line(), "CRLF counts once");
    }

    @Test
    void offsetsInsideABodyMapToFileLines() {
        Token body = tokens("CREATE FUNCTION f() AS $$\nline two\nline three $$").get(6);
        assertEquals(3, body.lineOfValueOffset(body.value().indexOf("three")));
        Token inner = SqlTokenizer.tokenize(body.value(), body.line()).tokens().get(2);
        assertEquals("line", inner.value());
        assertEquals(3, inner.line());
    }

    @Test
    void unterminatedTokensAreReportedAtTheirOpeningLine() {
        assertEquals(2, SqlTokenizer.tokenize("SELECT 1;\nSELECT 'oops;\n").problems().get(0).line());
        assertEquals(1, SqlTokenizer.tokenize("/* a /* b */ c").problems().get(0).line());
        assertEquals(3, SqlTokenizer.tokenize("\n\nAS $x$ body $$").problems().get(0).line());
        assertEquals(1, SqlTokenizer.tokenize("\"ident").problems().size());
    }

    @Test
    void numbersCastsAndByteOrderMark() {
        List<Token> t = tokens("\uFEFFSELECT 1.5e3::int, .5");
        assertEquals("select", t.get(0).value());
        assertEquals("1.5e3", t.get(1).text());
        assertTrue(t.get(2).isSymbol("::"));
        assertEquals(".5", t.get(5).text());
    }
}
