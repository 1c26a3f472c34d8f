package vn.congdoan.award.form;

/**
 * The code points a text field refuses. Vietnamese text needs none of them, and each one can hide what a
 * reviewer reads or break what stores it:
 *
 * <ul>
 *   <li>C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F): NUL cuts strings short in
 *       C libraries and PostgreSQL refuses it in text; the others are invisible. A multi-line field
 *       (a textarea) accepts line feed, carriage return and tab, a single-line field none of them;
 *   <li>lone surrogates (U+D800–U+DFFF not in a pair): not a character at all, lost or replaced on the way
 *       to the database;
 *   <li>noncharacters (U+FDD0–U+FDEF and every U+xxFFFE, U+xxFFFF): reserved for internal use;
 *   <li>line and paragraph separators (U+2028, U+2029): line breaks that no browser textarea produces;
 *   <li>bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
 *       what is displayed ("Trojan Source"), so a name or a reason can read differently from what is stored;
 *   <li>invisible characters with no use in Vietnamese text: zero-width space U+200B, word joiner and
 *       invisible operators U+2060–U+2064, byte-order mark U+FEFF: two names that look the same would
 *       differ. (Zero-width joiner and non-joiner, U+200C and U+200D, stay allowed: emoji and other scripts
 *       need them.)
 * </ul>
 */
public final class TextCharacters {
  private TextCharacters() {}

  /** The first refused code point of {@code text}, or -1; a lone surrogate is reported as itself. */
  public static int firstRefused(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(i + 1));
        if (isNoncharacter(cp)) {
          return cp;
        }
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c) || isRefused(c, multiLine)) {
        return c;
      }
      i++;
    }
    return -1;
  }

  /** Line feed, carriage return and tab: allowed in a multi-line field only. */
  public static boolean isLineBreakOrTab(int cp) {
    return cp == '\n' || cp == '\r' || cp == '\t';
  }

  /** "U+0000" */
  public static String name(int cp) {
    return String.format("U+%04X", cp);
  }

  private static boolean isRefused(int cp, boolean multiLine) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      return !(multiLine && isLineBreakOrTab(cp));
    }
    return isNoncharacter(cp)
        || cp == 0x2028 || cp == 0x2029
        || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200B || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
  }

  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }
}
