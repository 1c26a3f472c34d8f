package vn.congdoan.award.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** XHTML to PDF: Vietnamese text survives exactly, in embedded fonts, and nothing outside is ever fetched. */
class PdfDocumentsTest {
  static final PdfDocuments PDFS = new PdfDocuments();

  static String page(String head, String body) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"vi\" xml:lang=\"vi\"><head>"
        + "<meta charset=\"UTF-8\"/><title>Bản in thử – Đồng ý</title>"
        + "<meta name=\"subject\" content=\"Bản in thử chữ tiếng Việt\"/>"
        + "<style>@page { size: A4; margin: 15mm; @bottom-right { content: \"Trang \" counter(page) \"/\" counter(pages);"
        + " font-family: \"DejaVu Sans\"; } } body { font-family: \"DejaVu Sans\"; } h1 { font-weight: bold; }</style>"
        + head + "</head><body>" + body + "</body></html>";
  }

  static String text(PDDocument doc) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    return stripper.getText(doc).replaceAll("\\s+", " ");
  }

  static List<PDFont> fonts(PDDocument doc) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage p : doc.getPages()) {
      PDResources resources = p.getResources();
      for (COSName name : resources.getFontNames()) {
        fonts.add(resources.getFont(name));
      }
    }
    return fonts;
  }

  @Test
  void vietnameseLettersAndToneMarksComeBackExactlyInEmbeddedDejaVuFonts() throws IOException {
    String letters = "ă â ê ô ơ ư đ Ă Â Ê Ô Ơ Ư Đ – à ả ã á ạ ằ ẳ ẵ ắ ặ ầ ẩ ẫ ấ ậ ề ể ễ ế ệ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ";
    byte[] pdf = PDFS.render(page("", "<h1>Bảng khen</h1><p>Nguyễn Thị Ánh – Bằng khen của Ban Chấp hành</p>"
        + "<p>" + letters + "</p><p><i>Đồng ý</i> với ý kiến <b>Lê Thị Hồng</b>.</p>"));

    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = text(doc);
      assertThat(text).contains("Bảng khen").contains("Nguyễn Thị Ánh – Bằng khen của Ban Chấp hành")
          .contains(letters).contains("Đồng ý với ý kiến Lê Thị Hồng.").contains("Trang 1/1");
      List<PDFont> fonts = fonts(doc);
      assertThat(fonts).isNotEmpty().allSatisfy(f -> assertThat(f.isEmbedded()).as(f.getName()).isTrue());
      assertThat(fonts).extracting(f -> f.getName().replaceFirst("^[A-Z]{6}\\+", ""))
          .contains("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique");
      // tagged for PDF/UA: the title and the language come from the document
      assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Bản in thử – Đồng ý");
      assertThat(doc.getDocumentInformation().getSubject()).isEqualTo("Bản in thử chữ tiếng Việt");
      assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("vi");
      assertThat(doc.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
    }
  }

  @Test
  void noResourceIsFetchedFromTheNetworkOrTheFileSystemAndTheDocumentStillRenders() throws IOException {
    try (ServerSocket listener = new ServerSocket(0)) {
      listener.setSoTimeout(300);
      String local = "http://127.0.0.1:" + listener.getLocalPort();
      String head = "<link rel=\"stylesheet\" href=\"" + local + "/a.css\"/>"
          + "<style>@import url(\"" + local + "/b.css\"); @font-face { font-family: X; src: url(\"" + local + "/f.ttf\"); }"
          + " p.bg { background-image: url(\"" + local + "/bg.png\"); }</style>";
      byte[] pdf = PDFS.render(page(head, "<p class=\"bg\">Ảnh ở xa:</p>"
          + "<img src=\"http://example.com/x.png\" alt=\"ảnh ngoài\"/>"
          + "<img src=\"" + local + "/x.png\" alt=\"ảnh máy chủ\"/>"
          + "<img src=\"file:///etc/passwd\" alt=\"tệp\"/>"
          + "<img src=\"jar:file:/tmp/x.jar!/x.png\" alt=\"jar\"/>"
          + "<object type=\"image/png\" data=\"" + local + "/o.png\">đối tượng</object>"
          + "<p>Vẫn in được.</p>"));

      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertThat(text(doc)).contains("Ảnh ở xa:").contains("Vẫn in được.");
      }
      assertThatThrownBy(listener::accept).as("no connection to the local server").isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aDocumentThatIsNotWellFormedXmlIsRefused() {
    assertThatThrownBy(() -> PDFS.render("<html><body><p>Không đóng thẻ</body></html>"))
        .isInstanceOf(RuntimeException.class);
  }
}
