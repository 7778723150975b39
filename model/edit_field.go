package model

import (
	"strconv"
	"strings"
)

// SetField sets or deletes one value inside a state, or at the top level:
// the form editors' edit. Path walks objects by key and arrays by index
// ("Retry", "0", "MaxAttempts"); an existing key keeps its place, a new one
// goes last; missing objects on the way are created. Index len of an array
// appends. A nil Value deletes (deleting what is not there does nothing).
// An empty Path replaces the whole state object.
type SetField struct {
	// State names the state; "" is the top level of the definition.
	State string
	Path  []string
	// Value is copied; nil deletes.
	Value *Node
}

// Describe implements Edit.
func (s SetField) Describe() string {
	verb := "Set "
	if s.Value == nil {
		verb = "Delete "
	}
	what := strings.Join(s.Path, ".")
	switch {
	case what == "" && s.State == "":
		what = "the definition"
	case what == "":
		what = "the state"
	}
	if s.State == "" {
		return verb + what
	}
	return verb + what + " of " + strconv.Quote(s.State)
}

// Apply implements Edit.
func (s SetField) Apply(d *Document) error {
	target := d.Root
	if s.State != "" {
		st, err := findState(s, d, s.State)
		if err != nil {
			return err
		}
		target = st.Node
		if len(s.Path) == 0 {
			if s.Value == nil || s.Value.Kind != Object {
				return editError(s, "a state must be an object (RemoveState deletes one)")
			}
			stateField(st.Machine.Node.Get("States"), st.Node).Value = s.Value.Clone()
			d.Refresh()
			return nil
		}
	} else if len(s.Path) == 0 {
		return editError(s, "no field given (ReplaceText replaces the whole definition)")
	}
	// Walk to the parent of the last element, checking every step before
	// changing anything.
	cur := target
	missing := -1 // from this path index on, objects are to be created
	for i, key := range s.Path[:len(s.Path)-1] {
		if missing >= 0 {
			break
		}
		next, err := s.step(cur, key, i)
		if err != nil {
			return err
		}
		if next == nil {
			if s.Value == nil {
				return nil
			}
			missing = i
			break
		}
		cur = next
	}
	last := s.Path[len(s.Path)-1]
	if missing >= 0 {
		for _, key := range s.Path[missing+1:] {
			if isIndex(key) {
				return editError(s, "%s does not exist, so it has no element %s", strings.Join(s.Path[:missing+1], "."), key)
			}
		}
		for _, key := range s.Path[missing : len(s.Path)-1] {
			o := NewObject()
			cur.Set(key, o)
			cur = o
		}
		cur.Set(last, s.Value.Clone())
		d.Refresh()
		return nil
	}
	switch cur.Kind {
	case Object:
		if s.Value == nil {
			cur.Delete(last)
		} else {
			cur.Set(last, s.Value.Clone())
		}
	case Array:
		i, err := strconv.Atoi(last)
		switch {
		case err != nil || i < 0 || i > len(cur.Items) || i == len(cur.Items) && s.Value == nil:
			return editError(s, "%s has no element %s", s.pathTo(len(s.Path)-1), last)
		case s.Value == nil:
			cur.Items = append(cur.Items[:i], cur.Items[i+1:]...)
		case i == len(cur.Items):
			cur.Items = append(cur.Items, s.Value.Clone())
		default:
			cur.Items[i] = s.Value.Clone()
		}
	default:
		return editError(s, "%s is %s, not an object or an array", s.pathTo(len(s.Path)-1), article(cur.Kind.String()))
	}
	d.Refresh()
	return nil
}

// step returns the child key of n (path index i), nil if an object has
// no such key.
func (s SetField) step(n *Node, key string, i int) (*Node, error) {
	switch n.Kind {
	case Object:
		return n.Get(key), nil
	case Array:
		idx, err := strconv.Atoi(key)
		if err != nil || idx < 0 || idx >= len(n.Items) {
			return nil, editError(s, "%s has no element %s", s.pathTo(i), key)
		}
		return n.Items[idx], nil
	}
	return nil, editError(s, "%s is %s, not an object or an array", s.pathTo(i), article(n.Kind.String()))
}

// pathTo names the value the first i path elements lead to.
func (s SetField) pathTo(i int) string {
	if i == 0 {
		if s.State == "" {
			return "the definition"
		}
		return "state " + strconv.Quote(s.State)
	}
	return strings.Join(s.Path[:i], ".")
}

func isIndex(key string) bool {
	_, err := strconv.Atoi(key)
	return err == nil
}
