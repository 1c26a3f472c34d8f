package vn.congdoan.award.decision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.springframework.stereotype.Component;
import vn.congdoan.award.decision.DecisionText.Article;
import vn.congdoan.award.decision.DecisionText.Row;
import vn.congdoan.award.decision.DecisionText.Section;
import vn.congdoan.award.decision.DecisionText.Words;
import vn.congdoan.award.support.Texts;

/**
 * A decision as a Word document (DOCX, Apache POI), for the office that edits, signs and files it: the same
 * words as the PDF ({@link DecisionText}) in the administrative layout, A4 with the usual margins (top and
 * bottom 2 cm, left 3 cm, right 1.5 cm), Times New Roman 13–14 pt, the list of awardees after a page break.
 */
@Component
public class DecisionDocx {
  static final String FONT = "Times New Roman";
  private static final int TWIPS_PER_CM = 567;

  private final Texts texts;

  public DecisionDocx(Texts texts) {
    this.texts = texts;
  }

  public byte[] write(Words w) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      page(doc);
      doc.getProperties().getCoreProperties().setTitle(w.documentTitle());
      doc.getProperties().getCoreProperties().setCreator(w.issuingBody());

      XWPFTable masthead = doc.createTable(1, 2);
      noBorders(masthead);
      widths(masthead, 3900, 5455);
      XWPFTableCell left = masthead.getRow(0).getCell(0);
      line(first(left), w.governingBody(), 13, false, false);
      line(left.addParagraph(), w.issuingBody(), 13, true, false);
      line(left.addParagraph(), "––––––––", 13, false, false);
      line(left.addParagraph(), w.number(), 13, false, false);
      XWPFTableCell right = masthead.getRow(0).getCell(1);
      line(first(right), w.nation(), 12, true, false);
      line(right.addParagraph(), w.motto(), 13, true, false);
      line(right.addParagraph(), "––––––––––––––––", 13, false, false);
      line(right.addParagraph(), w.dateLine(), 14, false, true);

      centered(doc, w.title(), 14, true, false, 360);
      centered(doc, w.subject(), 14, true, false, 0);
      centered(doc, w.authority(), 14, true, false, 240);
      for (String ground : w.grounds()) {
        body(doc, null, ground, true);
      }
      centered(doc, w.decides(), 14, true, false, 120);
      for (Article a : w.articles()) {
        body(doc, a.label(), a.text(), false);
      }

      XWPFTable sign = doc.createTable(1, 2);
      noBorders(sign);
      widths(sign, 4600, 4755);
      XWPFTableCell recipients = sign.getRow(0).getCell(0);
      XWPFParagraph head = first(recipients);
      head.setAlignment(ParagraphAlignment.LEFT);
      run(head, w.recipientsTitle(), 12, true, true);
      for (String r : w.recipients()) {
        XWPFParagraph p = recipients.addParagraph();
        p.setAlignment(ParagraphAlignment.LEFT);
        run(p, r, 11, false, false);
      }
      XWPFTableCell signer = sign.getRow(0).getCell(1);
      line(first(signer), w.signFor(), 14, true, false);
      line(signer.addParagraph(), w.signTitle(), 14, true, false);

      XWPFParagraph breakBefore = doc.createParagraph();
      breakBefore.createRun().addBreak(BreakType.PAGE);
      centered(doc, w.listTitle(), 14, true, false, 0);
      centered(doc, w.listReference(), 13, false, true, 0);
      for (Section s : w.sections()) {
        XWPFParagraph h = doc.createParagraph();
        h.setSpacingBefore(200);
        run(h, s.heading(), 13, true, false);
        list(doc, s, texts);
      }
      XWPFTable total = doc.createTable(1, 2);
      widths(total, 7355, 2000);
      run(first(total.getRow(0).getCell(0)), w.totalLabel(), 13, true, false);
      XWPFParagraph sum = first(total.getRow(0).getCell(1));
      sum.setAlignment(ParagraphAlignment.RIGHT);
      run(sum, w.total(), 13, true, false);

      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void list(XWPFDocument doc, Section s, Texts texts) {
    List<Row> rows = s.rows();
    XWPFTable table = doc.createTable(rows.size() + 1, 4);
    table.setTableAlignment(TableRowAlign.CENTER);
    widths(table, 700, 3300, 3355, 2000);
    XWPFTableRow header = table.getRow(0);
    header.setRepeatHeader(true);
    String[] titles = {texts.get("decision.doc.list.number"),
        texts.get(s.collectives() ? "decision.doc.list.collective" : "decision.doc.list.individual"),
        texts.get("decision.doc.list.position"), texts.get("decision.doc.list.money")};
    for (int c = 0; c < titles.length; c++) {
      XWPFParagraph p = first(header.getCell(c));
      p.setAlignment(ParagraphAlignment.CENTER);
      run(p, titles[c], 12, true, false);
    }
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      XWPFTableRow row = table.getRow(i + 1);
      row.setCantSplitRow(true);
      String[] cells = {String.valueOf(r.number()), r.name(), r.positionAndUnit(), r.money()};
      for (int c = 0; c < cells.length; c++) {
        XWPFParagraph p = first(row.getCell(c));
        p.setAlignment(c == 0 ? ParagraphAlignment.CENTER : c == 3 ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
        run(p, cells[c], 12, false, false);
      }
    }
  }

  private static void page(XWPFDocument doc) {
    CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
        : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
    size.setW(BigInteger.valueOf(11906)); // A4 in twips
    size.setH(BigInteger.valueOf(16838));
    CTPageMar margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2L * TWIPS_PER_CM));
    margins.setBottom(BigInteger.valueOf(2L * TWIPS_PER_CM));
    margins.setLeft(BigInteger.valueOf(3L * TWIPS_PER_CM));
    margins.setRight(BigInteger.valueOf(TWIPS_PER_CM * 3L / 2));
  }

  private static void centered(XWPFDocument doc, String text, int size, boolean bold, boolean italic, int before) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingBefore(before);
    run(p, text, size, bold, italic);
  }

  private static void body(XWPFDocument doc, String label, String text, boolean italic) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.BOTH);
    p.setIndentationFirstLine(TWIPS_PER_CM);
    p.setSpacingAfter(80);
    if (label != null) {
      run(p, label + " ", 14, true, false);
    }
    run(p, text, 14, false, italic);
  }

  private static void line(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(0);
    run(p, text, size, bold, italic);
  }

  private static XWPFRun run(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
    XWPFRun run = p.createRun();
    run.setFontFamily(FONT);
    run.setFontSize(size);
    run.setBold(bold);
    run.setItalic(italic);
    run.setText(text);
    return run;
  }

  private static XWPFParagraph first(XWPFTableCell cell) {
    return cell.getParagraphs().get(0);
  }

  private static void noBorders(XWPFTable table) {
    table.removeBorders();
  }

  private static void widths(XWPFTable table, int... twips) {
    table.setWidthType(org.apache.poi.xwpf.usermodel.TableWidthType.DXA);
    int total = 0;
    for (int t : twips) {
      total += t;
    }
    table.setWidth(String.valueOf(total));
    for (XWPFTableRow row : table.getRows()) {
      for (int c = 0; c < twips.length && c < row.getTableCells().size(); c++) {
        var cell = row.getCell(c).getCTTc();
        var properties = cell.isSetTcPr() ? cell.getTcPr() : cell.addNewTcPr();
        var width = properties.isSetTcW() ? properties.getTcW() : properties.addNewTcW();
        width.setType(STTblWidth.DXA);
        width.setW(BigInteger.valueOf(twips[c]));
      }
    }
  }
}
