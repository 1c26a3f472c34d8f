package vn.congdoan.award.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Amounts in Vietnamese words, as a decision writes its total money ("bằng chữ"): groups of three digits
 * read with "trăm", "mươi", "linh" and the group names "nghìn", "triệu", "tỷ"; "mốt", "tư" and "lăm" where
 * the spoken language has them (hai mươi mốt, hai mươi tư, mười lăm); a group after a higher one is read
 * whole (một triệu không trăm linh năm).
 */
public final class VietnameseNumbers {
  private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
  private static final String[] GROUPS = {" triệu", " nghìn", ""};

  private VietnameseNumbers() {}

  /** The number in words, its first letter a capital: "Hai trăm sáu mươi tư triệu bốn trăm năm mươi nghìn". */
  public static String words(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("Not an amount: " + n);
    }
    String words = read(n);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String read(long n) {
    if (n == 0) {
      return DIGITS[0];
    }
    StringBuilder out = new StringBuilder();
    long billions = n / 1_000_000_000L;
    long rest = n % 1_000_000_000L;
    if (billions > 0) {
      out.append(read(billions)).append(" tỷ");
    }
    int[] groups = {(int) (rest / 1_000_000), (int) (rest / 1_000 % 1_000), (int) (rest % 1_000)};
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == 0) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(group(groups[i], out.length() > 0)).append(GROUPS[i]);
    }
    return out.toString();
  }

  /** One group of three digits; {@code whole}: a higher group precedes, so the hundreds are read even if 0. */
  private static String group(int g, boolean whole) {
    int hundreds = g / 100;
    int tens = g / 10 % 10;
    int units = g % 10;
    List<String> w = new ArrayList<>();
    boolean readHundreds = hundreds > 0 || whole;
    if (readHundreds) {
      w.add(DIGITS[hundreds]);
      w.add("trăm");
    }
    if (tens == 0) {
      if (units > 0 && readHundreds) {
        w.add("linh");
      }
    } else if (tens == 1) {
      w.add("mười");
    } else {
      w.add(DIGITS[tens]);
      w.add("mươi");
    }
    if (units > 0) {
      if (units == 1 && tens >= 2) {
        w.add("mốt");
      } else if (units == 4 && tens >= 2) {
        w.add("tư");
      } else if (units == 5 && tens >= 1) {
        w.add("lăm");
      } else {
        w.add(DIGITS[units]);
      }
    }
    return String.join(" ", w);
  }
}
