package vn.congdoan.award.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Amounts in words as a decision writes them, checked against how they are read aloud. */
class VietnameseNumbersTest {
  @Test
  void theReportsTotalAndTheBaseSalaryReadAsTheyAreSpoken() {
    assertThat(VietnameseNumbers.words(264_450_000)).isEqualTo("Hai trăm sáu mươi tư triệu bốn trăm năm mươi nghìn");
    assertThat(VietnameseNumbers.words(2_340_000)).isEqualTo("Hai triệu ba trăm bốn mươi nghìn");
    assertThat(VietnameseNumbers.words(710_000)).isEqualTo("Bảy trăm mười nghìn");
    assertThat(VietnameseNumbers.words(18_720_000)).isEqualTo("Mười tám triệu bảy trăm hai mươi nghìn");
  }

  @Test
  void oneFourAndFiveChangeAfterTensAndZerosInsideAreRead() {
    assertThat(VietnameseNumbers.words(21)).isEqualTo("Hai mươi mốt");
    assertThat(VietnameseNumbers.words(11)).isEqualTo("Mười một");
    assertThat(VietnameseNumbers.words(24)).isEqualTo("Hai mươi tư");
    assertThat(VietnameseNumbers.words(14)).isEqualTo("Mười bốn");
    assertThat(VietnameseNumbers.words(15)).isEqualTo("Mười lăm");
    assertThat(VietnameseNumbers.words(55)).isEqualTo("Năm mươi lăm");
    assertThat(VietnameseNumbers.words(5)).isEqualTo("Năm");
    assertThat(VietnameseNumbers.words(105)).isEqualTo("Một trăm linh năm");
    assertThat(VietnameseNumbers.words(1_000_005)).isEqualTo("Một triệu không trăm linh năm");
    assertThat(VietnameseNumbers.words(1_020_000)).isEqualTo("Một triệu không trăm hai mươi nghìn");
    assertThat(VietnameseNumbers.words(0)).isEqualTo("Không");
  }

  @Test
  void billionsRepeatTheGroupNames() {
    assertThat(VietnameseNumbers.words(5_990_000_000L)).isEqualTo("Năm tỷ chín trăm chín mươi triệu");
    assertThat(VietnameseNumbers.words(1_000_000_000_000L)).isEqualTo("Một nghìn tỷ");
    assertThat(VietnameseNumbers.words(2_000_000_001L)).isEqualTo("Hai tỷ không trăm linh một");
  }

  @Test
  void aNegativeAmountIsRefused() {
    assertThatThrownBy(() -> VietnameseNumbers.words(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
