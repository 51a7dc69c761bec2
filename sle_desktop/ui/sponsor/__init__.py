"""The sponsor's window (`sle-sponsor gui`): log-in, bundles in, sites at a glance, data review, safety,
reports and exports. Widgets call `sle_desktop.sponsor` use cases; long work goes through `ui.background`."""
