# Reference values for the kernel density (src/score/kde.ts) from R spatstat, made once and committed
# as fixtures/kde/spatstat-quartic.json, so the tests need no R. Run: Rscript scripts/kde-reference.R
# (Debian: apt-get install r-cran-spatstat).
#
# The case: 4 reports on pixel centres of a 10 m grid (so spatstat's pixel discretisation is exact),
# quartic kernel with support radius h = 30 m, i.e. sigma = h / sqrt(8) (spatstat's quartic kernel
# has coordinate standard deviation 1/sqrt(8) on the unit disc), no edge correction. spatstat gives
# intensity per m^2; the file holds it per km^2 (x 1e6).
library(spatstat)
h <- 30
win <- owin(c(0, 100), c(0, 80))
X <- ppp(x = c(25, 35, 55, 75), y = c(25, 25, 45, 35), window = win)
D <- density(X, sigma = h / sqrt(8), kernel = "quartic", edge = FALSE, dimyx = c(8, 10))
v <- as.matrix(D) * 1e6  # rows = y from the bottom, columns = x
cat(jsonlite::toJSON(list(
  note = "spatstat density.ppp(kernel='quartic', sigma=30/sqrt(8), edge=FALSE, dimyx=c(8,10)) on owin(c(0,100),c(0,80)); per km2; rows from the bottom",
  points = list(x = X$x, y = X$y), bandwidth_m = h, cell_m = 10, cols = 10, rows = 8,
  per_km2 = as.vector(t(v))), digits = 12, auto_unbox = TRUE), "\n", file = "fixtures/kde/spatstat-quartic.json")
