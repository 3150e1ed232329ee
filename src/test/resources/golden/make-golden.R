# Regenerates the golden files under src/test/resources/golden from R's forecast package.
# Run from the repository root:  Rscript src/test/resources/golden/make-golden.R
# Every CSV starts with a comment line holding the exact R command that produced it.
suppressMessages(library(forecast))
ver <- paste0("# R ", getRversion(), ", forecast ", packageVersion("forecast"), ": ")
out <- "src/test/resources/golden"
for (d in c("series", "ets", "theta", "decompose", "stl", "mstl")) dir.create(file.path(out, d), showWarnings = FALSE, recursive = TRUE)

put <- function(path, cmd, df) {
  con <- file(file.path(out, path), "w")
  writeLines(paste0(ver, cmd), con)
  write.csv(df, con, row.names = FALSE, quote = FALSE, na = "NaN")
  close(con)
}
fmt <- function(x) ifelse(is.na(x), "NaN", trimws(formatC(as.numeric(x), digits = 17, format = "g")))

# input series, one value per line
series <- list(airpassengers = AirPassengers, usaccdeaths = USAccDeaths, wwwusage = WWWusage,
               nile = Nile, nottem = nottem, co2 = co2, taylor2016 = head(taylor, 2016))
for (s in names(series)) {
  x <- series[[s]]
  put(file.path("series", paste0(s, ".csv")), paste0("frequency ", frequency(x), "; values of ", s),
      data.frame(value = fmt(as.numeric(x))))
}

# ETS: fitted parameters, initial states, information criteria, forecasts and 80/95% intervals
ets_case <- function(name, cmd, h) {
  fit <- eval(parse(text = cmd))
  fc <- forecast(fit, h = h, level = c(80, 95))
  par <- fit$par
  keys <- c("method", "alpha", "beta", "gamma", "phi", "loglik", "aic", "aicc", "bic", "sigma2", "mse")
  vals <- c(gsub("ETS|[(),]", "", fit$method), fmt(c(par["alpha"], par["beta"], par["gamma"], par["phi"],
                              fit$loglik, fit$aic, fit$aicc, fit$bic, fit$sigma2, fit$mse)))
  init <- fit$states[1, ]
  keys <- c(keys, paste0("init_", names(init)))
  vals <- c(vals, fmt(init))
  keys <- c(keys, paste0("mean", 1:h), paste0("lo80_", 1:h), paste0("hi80_", 1:h), paste0("lo95_", 1:h), paste0("hi95_", 1:h))
  vals <- c(vals, fmt(fc$mean), fmt(fc$lower[, 1]), fmt(fc$upper[, 1]), fmt(fc$lower[, 2]), fmt(fc$upper[, 2]))
  keys <- c(keys, paste0("resid", 1:10))
  vals <- c(vals, fmt(head(residuals(fit), 10)))
  put(file.path("ets", paste0(name, ".csv")),
      paste0("fit <- ", cmd, "; fc <- forecast(fit, h = ", h, ", level = c(80, 95))"),
      data.frame(key = keys, value = vals))
}
ets_case("airpassengers_auto", "ets(AirPassengers)", 24)
ets_case("airpassengers_MAM", "ets(AirPassengers, model = \"MAM\", damped = FALSE)", 24)
ets_case("airpassengers_MNM", "ets(AirPassengers, model = \"MNM\")", 24)
ets_case("usaccdeaths_auto", "ets(USAccDeaths)", 24)
ets_case("usaccdeaths_AAA", "ets(USAccDeaths, model = \"AAA\", damped = FALSE)", 24)
ets_case("usaccdeaths_AAdA", "ets(USAccDeaths, model = \"AAA\", damped = TRUE)", 24)
ets_case("usaccdeaths_MAA", "ets(USAccDeaths, model = \"MAA\", damped = FALSE)", 24)
ets_case("wwwusage_auto", "ets(WWWusage)", 10)
ets_case("wwwusage_AAN", "ets(WWWusage, model = \"AAN\", damped = FALSE)", 10)
ets_case("wwwusage_MAdN", "ets(WWWusage, model = \"MAN\", damped = TRUE)", 10)
ets_case("nile_auto", "ets(Nile)", 10)
ets_case("nile_ANN", "ets(Nile, model = \"ANN\")", 10)
ets_case("nile_ses", "ets(Nile, model = \"ANN\", opt.crit = \"mse\")", 10)
ets_case("wwwusage_holt_damped", "ets(WWWusage, model = \"AAN\", damped = TRUE, opt.crit = \"mse\")", 10)

# Theta (R's thetaf): forecasts and intervals
theta_case <- function(name, cmd, h) {
  fc <- eval(parse(text = cmd))
  put(file.path("theta", paste0(name, ".csv")), paste0("fc <- ", cmd),
      data.frame(mean = fmt(fc$mean), lo80 = fmt(fc$lower[, 1]), hi80 = fmt(fc$upper[, 1]),
                 lo95 = fmt(fc$lower[, 2]), hi95 = fmt(fc$upper[, 2])))
}
theta_case("airpassengers", "thetaf(AirPassengers, h = 24)", 24)
theta_case("usaccdeaths", "thetaf(USAccDeaths, h = 24)", 24)
theta_case("nile", "thetaf(Nile, h = 10)", 10)
theta_case("wwwusage", "thetaf(WWWusage, h = 10)", 10)

# classical decomposition
dec_case <- function(name, cmd) {
  d <- eval(parse(text = cmd))
  put(file.path("decompose", paste0(name, ".csv")), paste0("d <- ", cmd),
      data.frame(x = fmt(d$x), trend = fmt(d$trend), seasonal = fmt(d$seasonal), random = fmt(d$random)))
}
dec_case("airpassengers_multiplicative", "decompose(AirPassengers, type = \"multiplicative\")")
dec_case("usaccdeaths_additive", "decompose(USAccDeaths, type = \"additive\")")
dec_case("nottem_additive", "decompose(nottem, type = \"additive\")")

# STL
stl_case <- function(name, cmd) {
  s <- eval(parse(text = cmd))
  ts <- s$time.series
  put(file.path("stl", paste0(name, ".csv")), paste0("s <- ", cmd),
      data.frame(seasonal = fmt(ts[, "seasonal"]), trend = fmt(ts[, "trend"]), remainder = fmt(ts[, "remainder"]),
                 weights = fmt(s$weights)))
}
stl_case("nottem_s7", "stl(nottem, s.window = 7)")
stl_case("co2_s21", "stl(co2, s.window = 21)")
stl_case("co2_periodic", "stl(co2, s.window = \"periodic\")")
stl_case("airpassengers_log_robust", "stl(log(AirPassengers), s.window = 11, robust = TRUE)")
stl_case("usaccdeaths_s13_t21_deg1", "stl(USAccDeaths, s.window = 13, s.degree = 1, t.window = 21)")

# MSTL
mstl_case <- function(name, cmd) {
  m <- eval(parse(text = cmd))
  df <- as.data.frame(unclass(m))
  df[] <- lapply(df, fmt)
  put(file.path("mstl", paste0(name, ".csv")), paste0("m <- ", cmd), df)
}
mstl_case("taylor2016", "mstl(msts(head(taylor, 2016), seasonal.periods = c(48, 336)))")
mstl_case("usaccdeaths", "mstl(USAccDeaths)")

# autocorrelations (the M4 seasonality test statistic is built from them)
dir.create(file.path(out, "season"), showWarnings = FALSE)
put("season/acf_airpassengers.csv", "acf(AirPassengers, lag.max = 24, plot = FALSE)$acf[-1]",
    data.frame(acf = fmt(acf(AirPassengers, lag.max = 24, plot = FALSE)$acf[-1])))
