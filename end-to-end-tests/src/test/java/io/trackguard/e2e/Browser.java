package io.trackguard.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its ChromeDriver. Each browser is a visitor of its
 * own: its address (X-Forwarded-For, the suite being the trusted proxy) is set through the
 * DevTools protocol, its language through the browser's own preference.
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    Browser(String acceptLanguage) throws Exception {
        Path profile = Files.createTempDirectory("trackguard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // the browser's own language preference, as a person sets it: Chromium sends it as Accept-Language
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1000,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.executeCdpCommand("Network.enable", Map.of());
        become(Clients.freshAddress());
    }

    /** From now on, requests come from another address (as the trusted proxy reports it). */
    void become(String address) {
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", address)));
    }

    void open(String path) {
        driver.get(Stack.TRACKING + path);
    }

    /** Opens a full address (another service, or Keycloak). */
    void openUrl(String url) {
        driver.get(url);
    }

    /** Signs in on Keycloak's own login form, as a person would, and waits for the page it leads back to. */
    void signIn(String username, String password) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        andWaitForTheNextPage(() -> driver.findElement(By.id("kc-login")).click());
    }

    String title() {
        return driver.getTitle();
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Types into the field as a person would: click, clear, type, then press the form's button; waits for the next page. */
    void fill(String fieldId, String value) {
        WebElement field = driver.findElement(By.id(fieldId));
        field.click();
        field.clear();
        field.sendKeys(value);
        andWaitForTheNextPage(() -> field.findElement(By.xpath("ancestor::form//button[@type='submit']")).click());
    }

    void click(String linkText) {
        andWaitForTheNextPage(() -> driver.findElement(By.linkText(linkText)).click());
    }

    /** Presses the page's (only) submit button, as a person would, and waits for the next page. */
    void press() {
        andWaitForTheNextPage(() -> driver.findElement(By.cssSelector("form button[type=submit]")).click());
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** True once the element's document has been replaced (ChromeDriver says so in two ways). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            return String.valueOf(e.getMessage()).contains("does not belong to the document");
        }
    }

    /** A click returns before the page it leads to has loaded: wait until the old page is gone. */
    private void andWaitForTheNextPage(Runnable action) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> gone(oldPage));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(
                d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Violations of WCAG 2.1 A and AA on the current page, as axe-core finds them. */
    List<String> accessibilityViolations() {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        if (results.isErrored() || results.getPasses().isEmpty()) {
            // axe must really have run: no passes means it checked nothing
            throw new IllegalStateException("axe-core did not run on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .toList();
    }

    String htmlLang() {
        return driver.findElement(By.tagName("html")).getAttribute("lang");
    }

    String source() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
