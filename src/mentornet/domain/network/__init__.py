"""Your developmental network, measured: spheres, tie strength, diversity, the kind of
network (Higgins & Kram, 2001), the help it gives (Kram, 1985), your phase's check, a
dormant tie (Levin, Walter & Murnighan, 2011) and the shape quarter by quarter."""
