package vn.congdoan.award.decision;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.PdfDocuments;
import vn.congdoan.award.support.Texts;

/**
 * The documents of a decision: the Quyết định as PDF (template {@code decision-document}) and as DOCX
 * ({@link DecisionDocx}), both made from the decision's record, which never changes, and archived: the first
 * copy made of each is kept in {@code award_decision_document} with its SHA-256, and every later download is
 * that copy, byte for byte, whatever happens to the templates or texts afterwards. A certificate (Bằng khen,
 * Giấy khen) is made for one awardee each time it is printed.
 */
@Component
public class DecisionDocuments {
  /** One archived document. */
  public record Document(byte[] content, String sha256) {}

  private final JdbcTemplate jdbc;
  private final DecisionText text;
  private final DecisionDocx docx;
  private final ITemplateEngine templates;
  private final PdfDocuments pdfs;
  private final BusinessClock clock;
  private final Texts texts;

  public DecisionDocuments(JdbcTemplate jdbc, DecisionText text, DecisionDocx docx, ITemplateEngine templates,
      PdfDocuments pdfs, BusinessClock clock, Texts texts) {
    this.jdbc = jdbc;
    this.text = text;
    this.docx = docx;
    this.templates = templates;
    this.pdfs = pdfs;
    this.clock = clock;
    this.texts = texts;
  }

  public Document pdf(Decision d) {
    return archived(d.id(), "pdf", () -> {
      Context context = new Context(Texts.VIETNAMESE);
      context.setVariable("d", d);
      context.setVariable("w", text.of(d));
      return pdfs.render(templates.process(new TemplateSpec("decision-document", TemplateMode.XML), context));
    });
  }

  public Document docx(Decision d) {
    return archived(d.id(), "docx", () -> docx.write(text.of(d)));
  }

  /** The certificate's title for the decision's award form, if the form has a printed certificate. */
  public Optional<String> certificateTitle(Decision d) {
    return Optional.ofNullable(texts.getOrDefault("certificate.title." + d.awardForm(), null));
  }

  /** The certificate of one awardee of {@code d}; empty when the award form has none. */
  public Optional<byte[]> certificate(Decision d, Awardee a) {
    return certificateTitle(d).map(title -> {
      DecisionText.Words w = text.of(d);
      Context context = new Context(Texts.VIETNAMESE);
      context.setVariable("d", d);
      context.setVariable("w", w);
      context.setVariable("a", a);
      context.setVariable("title", title);
      String position = a.nomineePosition() == null || a.nomineePosition().isBlank() ? null : a.nomineePosition();
      String unit = a.collective() && a.nomineeName().equals(a.unitName()) ? null : a.unitName();
      context.setVariable("where", String.join(", ", java.util.stream.Stream.of(position, unit)
          .filter(java.util.Objects::nonNull).toList()));
      context.setVariable("achievement", texts.get("certificate.achievement", text.roundPhrase(d)));
      return pdfs.render(templates.process(new TemplateSpec("certificate", TemplateMode.XML), context));
    });
  }

  private Document archived(String decisionId, String format, Supplier<byte[]> make) {
    Optional<Document> kept = kept(decisionId, format);
    if (kept.isPresent()) {
      return kept.get();
    }
    byte[] content = make.get();
    String sha256 = sha256(content);
    try {
      jdbc.update("insert into award_decision_document (decision_id, format, content, sha256, created_at) "
          + "values (?, ?, ?, ?, ?)", decisionId, format, content, sha256, Timestamp.from(clock.now()));
      return new Document(content, sha256);
    } catch (DuplicateKeyException madeAtTheSameTimeByAnotherRequest) {
      return kept(decisionId, format).orElseThrow();
    }
  }

  private Optional<Document> kept(String decisionId, String format) {
    List<Document> found = jdbc.query("select content, sha256 from award_decision_document where decision_id = ? "
        + "and format = ?", (rs, i) -> new Document(rs.getBytes(1), rs.getString(2)), decisionId, format);
    return found.stream().findFirst();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String fileName(Decision d, String extension) {
    String ascii = java.text.Normalizer.normalize(d.reference(), java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D').replaceAll("[^A-Za-z0-9]+", "-");
    return "quyet-dinh-" + ascii.replaceAll("^-|-$", "") + "." + extension;
  }
}
