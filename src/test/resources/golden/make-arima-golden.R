# Makes the ARIMA golden files of this folder with R's forecast package (run from this folder):
#   Rscript make-arima-golden.R
# Each output CSV starts with '#' lines giving the exact R commands; then "key,value" rows.
suppressMessages(library(forecast))
options(digits = 15)

write_series <- function(name, y, cmd) {
  con <- file(paste0(name, ".csv"), "w")
  writeLines(paste0("# ", cmd), con)
  writeLines(paste0("# frequency=", frequency(y)), con)
  writeLines("value", con)
  writeLines(format(as.numeric(y), digits = 15), con)
  close(con)
}

golden <- function(file, series, cmd, fit, h) {
  fc <- forecast(fit, h = h, level = c(80, 95))
  rows <- list()
  add <- function(k, v) rows[[length(rows) + 1]] <<- data.frame(key = k, value = format(v, digits = 15))
  add("series", series)
  o <- fit$arma  # p, q, P, Q, m, d, D
  add("order", sprintf("%d,%d,%d,%d,%d,%d,%d", o[1], o[6], o[2], o[3], o[7], o[4], o[5]))
  for (nm in names(fit$coef)) add(paste0("coef.", nm), fit$coef[[nm]])
  add("loglik", fit$loglik)
  add("aic", fit$aic)
  add("aicc", fit$aicc)
  add("bic", fit$bic)
  add("sigma2", fit$sigma2)
  for (i in seq_len(h)) {
    add(paste0("mean.", i), fc$mean[i])
    add(paste0("lower80.", i), fc$lower[i, 1]); add(paste0("upper80.", i), fc$upper[i, 1])
    add(paste0("lower95.", i), fc$lower[i, 2]); add(paste0("upper95.", i), fc$upper[i, 2])
  }
  con <- file(file, "w")
  writeLines(paste0("# ", cmd), con)
  writeLines(paste0("# forecast(fit, h = ", h, ", level = c(80, 95)); R ", R.version$major, ".", R.version$minor,
                    ", forecast ", packageVersion("forecast")), con)
  writeLines("key,value", con)
  close(con)
  write.table(do.call(rbind, rows), file, append = TRUE, sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
}

# 1. the airline data (Box and Jenkins), monthly
ap <- AirPassengers
write_series("airpassengers", ap, "AirPassengers (R datasets), monthly 1949-1960")
golden("arima-airline-log.csv", "airpassengers:log",
       "fit <- Arima(log(AirPassengers), order = c(0, 1, 1), seasonal = c(0, 1, 1))",
       Arima(log(ap), order = c(0, 1, 1), seasonal = c(0, 1, 1)), 24)
golden("arima-airpassengers-211-010.csv", "airpassengers",
       "fit <- Arima(AirPassengers, order = c(2, 1, 1), seasonal = c(0, 1, 0))",
       Arima(ap, order = c(2, 1, 1), seasonal = c(0, 1, 0)), 24)
golden("auto-airpassengers.csv", "airpassengers",
       "fit <- auto.arima(AirPassengers)", auto.arima(ap), 24)

# 2. a random walk with drift
set.seed(42)
rw <- ts(cumsum(0.5 + rnorm(200)))
write_series("randomwalk-drift", rw, "set.seed(42); ts(cumsum(0.5 + rnorm(200)))")
golden("arima-rw-drift-010.csv", "randomwalk-drift",
       "fit <- Arima(y, order = c(0, 1, 0), include.drift = TRUE)",
       Arima(rw, order = c(0, 1, 0), include.drift = TRUE), 10)
golden("arima-rw-drift-111.csv", "randomwalk-drift",
       "fit <- Arima(y, order = c(1, 1, 1), include.drift = TRUE)",
       Arima(rw, order = c(1, 1, 1), include.drift = TRUE), 10)
golden("auto-rw-drift.csv", "randomwalk-drift", "fit <- auto.arima(y)", auto.arima(rw), 10)

# 3. a stationary AR(2) around 10
set.seed(1)
ar2 <- ts(10 + arima.sim(list(ar = c(0.6, -0.3)), n = 300))
write_series("ar2", ar2, "set.seed(1); ts(10 + arima.sim(list(ar = c(0.6, -0.3)), n = 300))")
golden("arima-ar2-200.csv", "ar2", "fit <- Arima(y, order = c(2, 0, 0))", Arima(ar2, order = c(2, 0, 0)), 10)
golden("arima-ar2-202.csv", "ar2", "fit <- Arima(y, order = c(2, 0, 2))", Arima(ar2, order = c(2, 0, 2)), 10)
golden("auto-ar2.csv", "ar2", "fit <- auto.arima(y)", auto.arima(ar2), 10)

# 4. hourly data with a daily cycle: the first 480 values of M4 series H1
tr <- read.csv("../../../../../shared/data/m4/Hourly-train.csv", header = TRUE, stringsAsFactors = FALSE, nrows = 1)
h1 <- ts(as.numeric(tr[1, -1])[1:480], frequency = 24)
write_series("m4-h1-480", h1, "M4 Hourly-train.csv, series H1, values 1..480, frequency 24")
golden("arima-h1-101-011.csv", "m4-h1-480",
       "fit <- Arima(y, order = c(1, 0, 1), seasonal = c(0, 1, 1))",
       Arima(h1, order = c(1, 0, 1), seasonal = c(0, 1, 1)), 48)
golden("arima-h1-210-110-css.csv", "m4-h1-480",
       "fit <- Arima(y, order = c(2, 1, 0), seasonal = c(1, 1, 0), method = 'CSS')",
       Arima(h1, order = c(2, 1, 0), seasonal = c(1, 1, 0), method = "CSS"), 48)

# 5. the differencing tests: KPSS statistics (lag trunc(3 sqrt(n) / 13), as ndiffs uses them),
#    seasonal strength (seas.heuristic) and the resulting ndiffs / nsdiffs
con <- file("differencing.csv", "w")
writeLines(c("# kpss = urca::ur.kpss(x, type = 'mu', use.lag = trunc(3 * sqrt(length(x)) / 13))@teststat",
             "# strength = forecast:::seas.heuristic(x); ndiffs(x); nsdiffs(x)", "key,value"), con)
kp <- function(x) urca::ur.kpss(x, type = "mu", use.lag = trunc(3 * sqrt(length(x)) / 13))@teststat
for (nm in c("ar2", "randomwalk-drift")) {
  x <- get(c(ar2 = "ar2", `randomwalk-drift` = "rw")[[nm]])
  writeLines(sprintf("kpss.%s,%.12g", nm, kp(x)), con)
  writeLines(sprintf("ndiffs.%s,%d", nm, ndiffs(x)), con)
}
for (nm in c("airpassengers", "m4-h1-480")) {
  x <- if (nm == "airpassengers") ap else h1
  writeLines(sprintf("kpss.%s,%.12g", nm, kp(x)), con)
  writeLines(sprintf("strength.%s,%.12g", nm, forecast:::seas.heuristic(x)), con)
  writeLines(sprintf("nsdiffs.%s,%d", nm, nsdiffs(x)), con)
  writeLines(sprintf("ndiffs.%s,%d", nm, ndiffs(x)), con)
}
close(con)
