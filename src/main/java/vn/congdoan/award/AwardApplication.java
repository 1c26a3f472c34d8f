package vn.congdoan.award;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AwardApplication {
  public static void main(String[] args) {
    SpringApplication.run(AwardApplication.class, args);
  }
}
