"""The review desk: a small web application over the workspace, for one reviewer on their own machine
(``pipeline desk``). The face of the pipeline in a browser, beside ``cli``: it may import everything."""
