package vn.congdoan.award.decision;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.organization.Unit;
import vn.congdoan.award.organization.UnitDirectory;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.VietnameseNumbers;

/**
 * The words of a decision in the official layout, from its record and the texts {@code decision.doc.*} of
 * {@code messages.properties}: both documents (the PDF's template and the DOCX writer) print this and only this,
 * so they cannot say different things. The governing body above the issuing one is the body's parent unit on
 * the decision's date, or {@code decision.doc.national} for the province.
 */
@Component
public class DecisionText {
  private static final String[] ROMAN = {"I", "II", "III"};

  /** One article: "Điều 1." and its text. */
  public record Article(String label, String text) {}

  /** One section of the list: its heading, whether it lists collectives, and its rows. */
  public record Section(String heading, boolean collectives, List<Row> rows) {}

  /** One row of the list. */
  public record Row(int number, String name, String positionAndUnit, String money, String code) {}

  /** Everything a decision document prints, in reading order. */
  public record Words(String governingBody, String issuingBody, String number, String nation, String motto,
      String dateLine, String title, String subject, String authority, List<String> grounds, String decides,
      List<Article> articles, String signFor, String signTitle, String recipientsTitle, List<String> recipients,
      String listTitle, String listReference, List<Section> sections, String totalLabel, String total,
      String documentTitle) {}

  private final Texts texts;
  private final UnitDirectory units;

  public DecisionText(Texts texts, UnitDirectory units) {
    this.texts = texts;
    this.units = units;
  }

  public Words of(Decision d) {
    String body = d.bodyName();
    String bodyUpper = upper(body);
    String governing = units.find(d.bodyUnit(), d.date()).map(Unit::parentCode)
        .flatMap(parent -> units.find(parent, d.date())).map(u -> upper(u.name()))
        .orElse(texts.get("decision.doc.national"));
    String shortForm = texts.getOrDefault("decision.doc.short." + d.awardForm(), d.awardFormName());
    int collectives = d.collectives().size();
    int individuals = d.individuals().size();
    String count = collectives > 0 && individuals > 0
        ? texts.get("decision.doc.count.both", two(collectives), two(individuals))
        : collectives > 0 ? texts.get("decision.doc.count.collectives", two(collectives))
        : texts.get("decision.doc.count.individuals", two(individuals));
    String round = roundPhrase(d);
    String total = money(d.totalMoney());
    List<Article> articles = List.of(
        new Article(texts.get("decision.doc.article", 1), texts.get("decision.doc.article1", d.awardFormName(), count, round)),
        new Article(texts.get("decision.doc.article", 2), texts.get("decision.doc.article2", shortForm, total,
            VietnameseNumbers.words(d.totalMoney()) + " đồng")),
        new Article(texts.get("decision.doc.article", 3), texts.get("decision.doc.article3", body)));
    List<String> grounds = new ArrayList<>();
    for (int i = 1; ; i++) {
      if (texts.getOrDefault("decision.doc.ground." + i, null) == null) {
        break;
      }
      grounds.add(texts.get("decision.doc.ground." + i, body));
    }
    List<Section> sections = new ArrayList<>();
    if (collectives > 0) {
      sections.add(new Section(texts.get("decision.doc.list.collectives", ROMAN[sections.size()], collectives), true,
          rows(d.collectives())));
    }
    if (individuals > 0) {
      sections.add(new Section(texts.get("decision.doc.list.individuals", ROMAN[sections.size()], individuals), false,
          rows(d.individuals())));
    }
    return new Words(governing, bodyUpper, d.number(), texts.get("decision.doc.nation"), texts.get("decision.doc.motto"),
        dateLine(d), texts.get("decision.doc.title"), texts.get("decision.doc.subject", d.awardFormName()),
        texts.get("decision.doc.authority", bodyUpper), List.copyOf(grounds), texts.get("decision.doc.decides"),
        articles, texts.get("decision.doc.signFor"), texts.get("decision.doc.signTitle"),
        texts.get("decision.doc.recipientsTitle"), List.of(texts.get("decision.doc.recipients").split("\\|")),
        texts.get("decision.doc.list.title", upper(shortForm)),
        texts.get("decision.doc.list.reference", d.reference(), day(d.date()), body), List.copyOf(sections),
        texts.get("decision.doc.list.total"), total,
        texts.get("decision.doc.title") + " " + d.reference() + " " + lowerFirst(texts.get("decision.doc.subject", d.awardFormName())));
  }

  /** ", tổng kết năm 2026": the round as the decision's first article and a certificate end their sentence. */
  public String roundPhrase(Decision d) {
    return d.roundName() == null ? "" : texts.get("decision.doc.article1.round", lowerFirst(d.roundName()));
  }

  /** "Lai Châu, ngày 20 tháng 11 năm 2026": the day in two digits, January and February as 01 and 02. */
  String dateLine(Decision d) {
    String place = texts.getOrDefault("decision.doc.place." + d.bodyUnit(), texts.get("decision.doc.place"));
    LocalDate day = d.date();
    return texts.get("decision.doc.dateLine", place, two(day.getDayOfMonth()),
        day.getMonthValue() < 3 ? two(day.getMonthValue()) : String.valueOf(day.getMonthValue()),
        String.valueOf(day.getYear()));
  }

  private static List<Row> rows(List<Awardee> awardees) {
    List<Row> rows = new ArrayList<>();
    for (Awardee a : awardees) {
      String where = a.collective() ? (a.unitName() == null || a.unitName().equals(a.nomineeName()) ? "" : a.unitName())
          : join(a.nomineePosition(), a.unitName());
      rows.add(new Row(rows.size() + 1, a.nomineeName(), where, money(a.money()), a.nominationCode()));
    }
    return rows;
  }

  private static String join(String a, String b) {
    boolean hasA = a != null && !a.isBlank();
    boolean hasB = b != null && !b.isBlank();
    return hasA && hasB ? a + ", " + b : hasA ? a : hasB ? b : "";
  }

  static String money(long vnd) {
    return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(vnd);
  }

  private static String day(LocalDate d) {
    return String.format("%02d/%02d/%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
  }

  private static String two(int n) {
    return String.format("%02d", n);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.forLanguageTag("vi"));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.forLanguageTag("vi")) + s.substring(1);
  }
}
