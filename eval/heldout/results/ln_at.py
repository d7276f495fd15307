import sys
root = sys.argv.pop(1)
sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower() and '__editable__' not in repr(type(f))]
sys.path.insert(0, root)
import lintnews
assert lintnews.__file__.startswith(root), lintnews.__file__
from lintnews.cli import main
sys.exit(main())
