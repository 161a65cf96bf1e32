"""Project stage: the source tree, its include graph, the manifest of the last run and the writer.

tree.py finds the inputs (SourceTree, compile flags); depgraph.py builds the include graph and per-file flags;
manifest.py keeps hashes and findings of each run (OUT/.cudaport/manifest.json); runner.py runs scan, graph,
plan, translate and write; runtime_bundle.py copies the runtime shim into the output tree.
"""
